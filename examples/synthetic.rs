//! Prints a generated plan of N clusters (see `tests/support/synthetic.rs`), for the page
//! benchmarks: `cargo run --release --example synthetic -- 100 > plan.json`

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    println!("{}", synthetic::plan(n).to_json());
}
