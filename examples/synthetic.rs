//! Prints a generated plan of N clusters (see `tests/support/synthetic.rs`), for the page
//! benchmarks: `cargo run --release --example synthetic -- 100 > plan.json`; or writes what the
//! Azure CLI would print for that many logical networks and clusters into a folder, for the
//! import's memory figures: `cargo run --release --example synthetic -- azure 200 1000 DIR`.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("azure") {
        let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
        let dir = std::path::PathBuf::from(args.get(3).map(String::as_str).unwrap_or("."));
        std::fs::create_dir_all(&dir).expect("the folder can be made");
        for (name, text) in synthetic::azure_outputs(number(1, 200), number(2, 1_000)).0 {
            std::fs::write(dir.join(&name), text).expect("the file can be written");
            println!("{}", dir.join(name).display());
        }
        return;
    }
    let n = args.first().and_then(|a| a.parse().ok()).unwrap_or(100);
    println!("{}", synthetic::plan(n).to_json());
}
