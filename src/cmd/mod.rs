//! The command-line commands, one file each; `main.rs` only parses arguments and
//! calls them.

pub mod build;
pub mod check;
pub mod init;
pub mod inspect;
pub mod new;
pub mod now;
pub mod serve;

/// Prints a command's result to stdout. A closed pipe (`plenary inspect F | head`) is
/// not an error: the reader has what it wanted.
pub fn print_stdout(text: &str) -> crate::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(crate::Error::msg(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}
