//! Code highlighting at build time: a fenced code block's text to HTML spans with CSS
//! classes (`hl-keyword`, `hl-string`...), which the theme colours for light and dark.
//! No JavaScript runs in the reader's browser.
//!
//! The grammars are syntect's bundled set (Sublime Text syntaxes, the ones Zola and
//! bat use), read once, on the first code block that names a language: a site with no
//! such block never pays for them. A language the set does not know, or a grammar that
//! fails on some input, leaves the block plain: never an error.

use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The class prefix of every highlighted span, so the theme's classes cannot clash
/// with a writer's or another part of the page.
const CLASSES: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// A read-only table, loaded at most once per process and shared by the rendering
/// threads; it holds no state that could differ between builds.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The language named by a fenced block's info string: its first word, before any
/// space, comma or brace (` ```rust,ignore `, ` ```python {linenos=true} `).
pub fn language(info: &str) -> &str {
    let end = info
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '{'))
        .unwrap_or(info.len());
    &info[..end]
}

/// The grammar for `lang`, by name, file extension or alias, case-insensitively.
fn syntax(lang: &str) -> Option<&'static SyntaxReference> {
    if lang.is_empty() {
        return None;
    }
    let set = &*SYNTAXES;
    let lower = lang.to_ascii_lowercase();
    let alias = match lower.as_str() {
        // Common names the bundled set knows only by another one.
        "shell" | "console" | "shell-session" | "zsh" => "bash",
        "jsx" | "mjs" | "cjs" | "node" => "js",
        // TypeScript is not in the set; JavaScript's grammar reads most of it well.
        "ts" | "typescript" | "tsx" => "js",
        "python3" | "py3" => "py",
        "c++" => "cpp",
        "golang" => "go",
        other => other,
    };
    set.find_syntax_by_token(alias)
        .or_else(|| set.find_syntax_by_token(&lower))
        .or_else(|| set.find_syntax_by_name(lang))
        // The plain-text grammar adds only spans that colour nothing.
        .filter(|s| s.name != "Plain Text")
}

/// The HTML of `code` highlighted as `lang`: its text escaped and wrapped in classed
/// spans, without the `<pre><code>` around it. `None` when the language is unknown or
/// its grammar fails, and the block is to be shown plain.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    let syntax = syntax(language(lang))?;
    let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASSES);
    for line in LinesWithEndings::from(code) {
        html.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(html.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_the_info_strings_first_word() {
        let cases = [
            ("rust", "rust"),
            ("rust,ignore", "rust"),
            ("python {linenos=true}", "python"),
            ("  ", ""),
            ("", ""),
        ];
        for (info, want) in cases {
            assert_eq!(language(info), want, "{info:?}");
        }
    }

    #[test]
    fn known_languages_get_classes_and_unknown_ones_none() {
        let rust = highlight("fn main() { if x { s = \"hi\"; } } // done\n", "rust").unwrap();
        assert!(rust.contains("hl-keyword"), "{rust}");
        assert!(rust.contains("hl-string"), "{rust}");
        assert!(rust.contains("hl-comment"), "{rust}");
        for lang in [
            "Python",
            "py",
            "js",
            "typescript",
            "sh",
            "shell",
            "json",
            "yaml",
            "c++",
            "SQL",
        ] {
            assert!(highlight("x = 1\n", lang).is_some(), "{lang}");
        }
        for lang in ["no-such-language", "", "text", "txt", "plain"] {
            assert_eq!(highlight("x = 1\n", lang), None, "{lang}");
        }
    }

    #[test]
    fn highlighted_code_keeps_every_character_escaped() {
        let code = "if a < b && c > \"d\" { e('&') }\nno newline at the end";
        let html = highlight(code, "js").unwrap();
        assert!(!html.contains("< b") && !html.contains("'&'"), "{html}");
        let text = scraper::Html::parse_fragment(&html)
            .root_element()
            .text()
            .collect::<String>();
        assert_eq!(text, code);
    }
}
