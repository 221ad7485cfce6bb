//! Links the `ambassade` command as a position-dependent executable on Linux, as Hugo's
//! binaries are.
//!
//! minify-html's entity table is 9.5 MB of pointers. In a position-independent executable the
//! loader rewrites every one of them at each start: 13 MiB of memory made private and about
//! 8 ms on a small site's build, before any work is done. At a fixed address they are resolved
//! when linking and read from the file only where used. The command's own code is then at a
//! fixed address (shared libraries, heap and stacks stay randomised); set `AMBASSADE_PIE=1`
//! when building to keep a position-independent executable.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=AMBASSADE_PIE");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let keep_pie = std::env::var_os("AMBASSADE_PIE").is_some_and(|v| !v.is_empty() && v != "0");
    if linux && !keep_pie {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
