//! The command-line commands, one file each; `main.rs` only parses arguments and
//! calls them.

pub mod build;
pub mod init;
pub mod inspect;
pub mod new;
pub mod now;
pub mod serve;
