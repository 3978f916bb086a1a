//! Prints a generated plan of N clusters (see `src/synthetic.rs`), for the page benchmarks:
//! `cargo run --release --example synthetic -- 100 > plan.json`
fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    println!("{}", aksarc_netplan::synthetic::plan(n).to_json());
}
