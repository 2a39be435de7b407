//! Golden output: `tally extract examples --jsonl` must match `tests/golden/examples.jsonl`
//! record for record. After a deliberate change of behaviour, regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p tally-cli --test golden` and review the diff.

use std::path::Path;
use std::process::Command;

#[test]
fn examples_match_the_golden_records() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/examples.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(["extract", "examples", "--jsonl", "--threads", "1"])
        .current_dir(&root)
        .output()
        .expect("tally runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = String::from_utf8(out.stdout).expect("UTF-8 output");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &got).unwrap();
        println!("updated {}", golden.display());
        return;
    }
    let want = std::fs::read_to_string(&golden).expect("golden file exists (UPDATE_GOLDEN=1 writes it)");
    let (got_lines, want_lines): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    for (i, (g, w)) in got_lines.iter().zip(&want_lines).enumerate() {
        assert_eq!(g, w, "record {} differs from tests/golden/examples.jsonl", i + 1);
    }
    assert_eq!(got_lines.len(), want_lines.len(), "number of records differs from the golden file");
}
