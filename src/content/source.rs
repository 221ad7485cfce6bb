//! Reading content files as text: size limit, UTF-8, BOM, and the split of Markdown files
//! into their YAML front matter and body (keeping line numbers for messages).

use std::fs;
use std::path::Path;

use super::yaml_limits::{control_character, control_character_hint, first_control};
use crate::diagnostic::{Diagnostic, Pos};
use crate::msg;

/// Text files larger than this are refused: no legitimate content file comes close, and
/// reading one into memory would slow every build.
pub const MAX_TEXT_FILE: u64 = 2 * 1024 * 1024;

/// Reads `path` as UTF-8 text; `shown` is the path used in messages.
// A diagnostic is the error path, taken once per broken file: its size does not matter, and
// callers push it straight into a `Diagnostics` list.
#[allow(clippy::result_large_err)]
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    text_of(read_bytes(path, shown)?, shown)
}

/// The bytes of the file at `path` (`shown` in messages), refused unless it is a regular file
/// of at most `MAX_TEXT_FILE` bytes: `read_text` without the checks of its text.
pub fn read_bytes(path: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            shown,
            msg!("content-cannot-read-file", error = e.to_string()),
        )
    };
    // One open and one `fstat`: the type and size are checked on the open file rather than by
    // path (ten thousand events, ten thousand path lookups fewer).
    let mut file = open_without_blocking(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_a_file(shown, &meta.file_type()));
    }
    if meta.len() > MAX_TEXT_FILE {
        return Err(too_large(shown, meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Through `take`: `File`'s own `read_to_end` asks the size and position again (a `statx`
    // and an `lseek` per file, twenty thousand system calls for 10,000 events). A file that
    // grew since the `fstat` is read up to the limit, and refused past it.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut file, MAX_TEXT_FILE + 1),
        &mut bytes,
    )
    .map_err(cannot)?;
    if bytes.len() as u64 > MAX_TEXT_FILE {
        return Err(too_large(shown, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(shown: &Path, size: u64) -> Diagnostic {
    Diagnostic::error(
        shown,
        msg!(
            "content-file-too-large",
            size = megabytes(size),
            max = megabytes(MAX_TEXT_FILE)
        ),
    )
    .hint(msg!("content-file-too-large-hint"))
}

/// The text of a file read as `bytes` (`read_bytes`): UTF-8, without a byte-order mark, no
/// control character, not empty.
pub fn text_of(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            return Err(Diagnostic::error(shown, msg!("content-not-utf8"))
                .at(Some(Pos { line, column }))
                .hint(msg!("content-not-utf8-hint")));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    // The same rule as for a control character written as an escape in YAML (`yaml_limits`):
    // typed, or as a character reference in Markdown, one would reach the pages as it is.
    if let Some((offset, c)) = first_control(&text) {
        let before = &text[..offset];
        let pos = Pos {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
        };
        return Err(Diagnostic::error(shown, control_character(c))
            .at(Some(pos))
            .hint(control_character_hint()));
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::error(shown, msg!("content-file-empty"))
            .at(Some(Pos { line: 1, column: 1 }))
            .hint(msg!("content-file-empty-hint")));
    }
    Ok(text)
}

/// Opens `path` for reading. On Unix, without waiting for a writer when it is a named pipe:
/// its type is checked once it is open.
fn open_without_blocking(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Ignored for regular files: reading them never waits.
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What a file-system entry is, as the `kind` of the messages that name it (the catalogues
/// put it in words): `folder`, `fifo`…
pub fn kind_of(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "fifo";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "device";
        }
    }
    if file_type.is_dir() {
        "folder"
    } else if file_type.is_symlink() {
        "symlink"
    } else if file_type.is_file() {
        "file"
    } else {
        "special"
    }
}

/// The error for a content file that is something else (a folder, a named pipe…).
pub fn not_a_file(shown: &Path, file_type: &fs::FileType) -> Diagnostic {
    Diagnostic::error(
        shown,
        msg!("content-not-a-text-file", kind = kind_of(file_type)),
    )
    .hint(msg!("content-not-a-text-file-hint"))
}

/// A size in megabytes for people, the unit left to the message: `3.1`, `2`.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    let s = format!("{mb:.1}");
    s.strip_suffix(".0").unwrap_or(&s).to_string()
}

/// A Markdown file cut in two.
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML's first line (the opening `---`), for positions.
    pub yaml_line_offset: usize,
    pub body: &'a str,
}

/// Splits `text` into front matter and body. The file must start with a `---` line and the
/// front matter end with another `---` line.
// A diagnostic is the error path, taken once per broken file: its size does not matter, and
// callers push it straight into a `Diagnostics` list.
#[allow(clippy::result_large_err)]
pub fn split_front_matter<'a>(text: &'a str, shown: &Path) -> Result<FrontMatter<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(shown, msg!("content-no-opening-dashes"))
            .at(Some(Pos { line: 1, column: 1 }))
            .hint(msg!("content-no-opening-dashes-hint")));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        if line.trim_end() == "---" {
            return Ok(FrontMatter {
                yaml: &text[yaml_start..offset],
                yaml_line_offset: 1,
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(shown, msg!("yaml-front-matter-not-closed"))
            .at(Some(Pos { line: 1, column: 1 }))
            .hint(msg!("yaml-front-matter-not-closed-hint")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_crlf() {
        let fm = split_front_matter("---\r\ntitle: a\r\n---\r\nbody\r\n", Path::new("x")).unwrap();
        assert_eq!(fm.yaml, "title: a\r\n");
        assert_eq!(fm.body, "body\r\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let e = split_front_matter("---\ntitle: a\nbody\n", Path::new("x"))
            .err()
            .unwrap();
        assert!(e.message.contains("never closed"));
        assert!(split_front_matter("title: a\n", Path::new("x")).is_err());
    }

    #[test]
    fn empty_body_is_fine() {
        let fm = split_front_matter("---\ntitle: a\n---", Path::new("x")).unwrap();
        assert_eq!(fm.body, "");
    }
}
