//! The `ambassade` command as built: on Linux it is linked at a fixed address (see
//! `build.rs`), so that minify-html's table of pointers is not rewritten at every start.

/// ELF's `e_type` of the command: 2 for an executable at a fixed address, 3 for a
/// position-independent one.
#[cfg(target_os = "linux")]
fn elf_type(path: &str) -> u16 {
    let bytes = std::fs::read(path).expect("the command is built");
    assert_eq!(&bytes[..4], b"\x7fELF", "{path} is not an ELF file");
    // e_type follows the 16 bytes of e_ident; x86-64 and aarch64 Linux are little-endian.
    u16::from_le_bytes([bytes[16], bytes[17]])
}

#[cfg(target_os = "linux")]
#[test]
fn the_command_is_linked_at_a_fixed_address_unless_asked_otherwise() {
    let keep_pie = option_env!("AMBASSADE_PIE").is_some_and(|v| !v.is_empty() && v != "0");
    let want = if keep_pie { 3 } else { 2 };
    assert_eq!(elf_type(env!("CARGO_BIN_EXE_ambassade")), want);
}
