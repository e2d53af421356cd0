//! Templates that would render forever: an include of itself (directly or through
//! others) or a macro that calls itself, when nothing conditional stands in between.
//! Tera would recurse until the stack overflows, which aborts the process (and with it
//! `plenary serve`), so such templates are refused at load with the cycle named.
//!
//! Recursion inside `{% if %}` or `{% for %}` is allowed: it can end (a macro walking
//! a tree), and Tera gets the chance to stop it.

use crate::error::{Error, Result};
use std::collections::HashMap;

/// One unconditional reference: from a template (or a macro in it) to another.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Node {
    Template(String),
    Macro { file: String, name: String },
}

impl Node {
    fn describe(&self) -> String {
        match self {
            Node::Template(t) => t.clone(),
            Node::Macro { file, name } => format!("{file} (macro {name})"),
        }
    }

    fn file(&self) -> &str {
        match self {
            Node::Template(t) | Node::Macro { file: t, .. } => t,
        }
    }
}

/// Refuses templates that include themselves or call their own macro unconditionally.
/// `sources` are (name, text); `path_of` names a template's file in errors.
pub fn check(sources: &[(String, String)], path_of: impl Fn(&str) -> String) -> Result<()> {
    let mut edges: HashMap<Node, Vec<(Node, usize)>> = HashMap::new();
    for (name, text) in sources {
        scan(name, text, &mut edges);
    }
    let mut nodes: Vec<&Node> = edges.keys().collect();
    nodes.sort_by_key(|n| n.describe());
    for start in nodes {
        if let Some((cycle, line)) = find_cycle(start, &edges) {
            let names: Vec<String> = cycle.iter().map(Node::describe).collect();
            let what = if matches!(start, Node::Macro { .. }) {
                "calls itself"
            } else {
                "includes itself"
            };
            return Err(Error::at_line(
                path_of(start.file()),
                line,
                format!(
                    "{what} with nothing conditional in between ({}), which would never end: put the {} inside an `{{% if %}}` that stops it, or remove it",
                    names.join(" → "),
                    if matches!(start, Node::Macro { .. }) {
                        "call"
                    } else {
                        "include"
                    },
                ),
            ));
        }
    }
    Ok(())
}

/// A path of unconditional references from `start` back to itself, and the line of
/// its first step in `start`'s file.
fn find_cycle(
    start: &Node,
    edges: &HashMap<Node, Vec<(Node, usize)>>,
) -> Option<(Vec<Node>, usize)> {
    // Depth-first over the graph, remembering the path.
    let mut stack: Vec<(Node, usize, usize)> = vec![(start.clone(), 0, 0)];
    let mut seen: Vec<Node> = vec![start.clone()];
    while let Some((node, next, _)) = stack.last().cloned() {
        let out = edges.get(&node).map(Vec::as_slice).unwrap_or(&[]);
        if next >= out.len() {
            stack.pop();
            continue;
        }
        if let Some(top) = stack.last_mut() {
            top.1 += 1;
        }
        let (to, line) = &out[next];
        if to == start {
            let mut cycle: Vec<Node> = stack.iter().map(|(n, _, _)| n.clone()).collect();
            cycle.push(start.clone());
            let first_line = stack.get(1).map_or(*line, |s| s.2);
            return Some((cycle, first_line));
        }
        if !seen.contains(to) {
            seen.push(to.clone());
            stack.push((to.clone(), 0, *line));
        }
    }
    None
}

/// Records the unconditional includes and macro calls of one template.
fn scan(name: &str, text: &str, edges: &mut HashMap<Node, Vec<(Node, usize)>>) {
    let mut imports: HashMap<String, String> = HashMap::new();
    // The macro being defined, and how many if/for blocks are open inside it (or, at
    // the top level, in the template).
    let mut current: Option<String> = None;
    let mut depth = 0usize;
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = [rest.find("{%"), rest.find("{{"), rest.find("{#")]
        .into_iter()
        .flatten()
        .min()
    {
        let is_block = rest[open..].starts_with("{%");
        let close = match &rest[open..open + 2] {
            "{%" => "%}",
            "{#" => "#}",
            _ => "}}",
        };
        let Some(len) = rest[open + 2..].find(close) else {
            break;
        };
        let inner =
            rest[open + 2..open + 2 + len].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let line = text[..offset + open].matches('\n').count() + 1;
        let from = match &current {
            Some(m) => Node::Macro {
                file: name.to_string(),
                name: m.clone(),
            },
            None => Node::Template(name.to_string()),
        };
        let word = inner.split_whitespace().next().unwrap_or("");
        if close == "#}" {
            // A comment: nothing in it runs.
            offset += open + 2 + len + 2;
            rest = &text[offset..];
            continue;
        }
        if is_block {
            match word {
                "raw" => {
                    // Nothing inside a raw block is a tag.
                    let after = offset + open + 2 + len + 2;
                    match text[after..].find("endraw") {
                        Some(i) => {
                            offset = after + i;
                            rest = &text[offset..];
                            continue;
                        }
                        None => break,
                    }
                }
                "if" | "for" => depth += 1,
                "endif" | "endfor" => depth = depth.saturating_sub(1),
                "macro" => {
                    let macro_name = inner["macro".len()..]
                        .trim_start()
                        .split(|c: char| c == '(' || c.is_whitespace())
                        .next()
                        .unwrap_or("");
                    current = Some(macro_name.to_string());
                    depth = 0;
                }
                "endmacro" => {
                    current = None;
                    depth = 0;
                }
                "import" => {
                    let mut parts = inner.split_whitespace().skip(1);
                    if let (Some(file), Some("as"), Some(alias)) =
                        (parts.next(), parts.next(), parts.next())
                    {
                        imports.insert(alias.to_string(), unquote(file).to_string());
                    }
                }
                "include" if depth == 0 => {
                    for target in quoted(&inner["include".len()..]) {
                        edges
                            .entry(from.clone())
                            .or_default()
                            .push((Node::Template(target.to_string()), line));
                    }
                }
                _ => {}
            }
        }
        if depth == 0 {
            for (alias, callee) in calls(inner) {
                let file = match alias {
                    "self" => name.to_string(),
                    other => match imports.get(other) {
                        Some(f) => f.clone(),
                        None => continue,
                    },
                };
                edges.entry(from.clone()).or_default().push((
                    Node::Macro {
                        file,
                        name: callee.to_string(),
                    },
                    line,
                ));
            }
        }
        // A template's own macros are reached only through calls, not by rendering it.
        if word == "macro" {
            edges.entry(from).or_default();
        }
        offset += open + 2 + len + 2;
        rest = &text[offset..];
    }
}

/// The `alias::name(` calls in a tag's text.
fn calls(inner: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for (i, _) in inner.match_indices("::") {
        let alias_start = inner[..i]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |j| j + 1);
        let after = &inner[i + 2..];
        let name_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if after[name_len..].trim_start().starts_with('(') && alias_start < i {
            out.push((&inner[alias_start..i], &after[..name_len]));
        }
    }
    out
}

/// The quoted strings in a tag's text (`"a.html"`, `['a.html', "b.html"]`).
fn quoted(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['"', '\'']) {
        let q = &rest[i..i + 1];
        let Some(len) = rest[i + 1..].find(q) else {
            break;
        };
        out.push(&rest[i + 1..i + 1 + len]);
        rest = &rest[i + 1 + len + 1..];
    }
    out
}

fn unquote(s: &str) -> &str {
    s.trim_matches(|c| c == '"' || c == '\'')
}

#[cfg(test)]
mod tests {
    use super::check;

    fn run(templates: &[(&str, &str)]) -> Result<(), String> {
        let sources: Vec<(String, String)> = templates
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        check(&sources, |n| format!("templates/{n}")).map_err(|e| e.to_string())
    }

    #[test]
    fn unconditional_recursion_is_refused_naming_the_cycle() {
        for (templates, want) in [
            (
                &[("404.html", "<p>\n{% include \"404.html\" %}")][..],
                "templates/404.html:2: includes itself with nothing conditional in between (404.html → 404.html)",
            ),
            (
                &[
                    ("a.html", "{%- include 'b.html' -%}"),
                    ("b.html", "x\n{% include \"a.html\" %}"),
                ][..],
                "templates/a.html:1: includes itself with nothing conditional in between (a.html → b.html → a.html)",
            ),
            (
                &[(
                    "m.html",
                    "{% macro loop(n) %}\n{{ self::loop(n=n) }}\n{% endmacro %}",
                )][..],
                "templates/m.html:2: calls itself with nothing conditional in between (m.html (macro loop) → m.html (macro loop))",
            ),
            (
                &[
                    (
                        "m.html",
                        "{% import \"n.html\" as n %}{% macro a() %}{{ n::b() }}{% endmacro %}",
                    ),
                    (
                        "n.html",
                        "{% import \"m.html\" as m %}{% macro b() %}{{ m::a() }}{% endmacro %}",
                    ),
                ][..],
                "calls itself",
            ),
        ] {
            let err = run(templates).unwrap_err();
            assert!(err.contains(want), "{err}");
        }
    }

    #[test]
    fn recursion_that_can_end_and_ordinary_templates_pass() {
        for templates in [
            &[(
                "tree.html",
                "{% macro node(n) %}{{ n.name }}{% for c in n.children %}{{ self::node(n=c) }}{% endfor %}{% endmacro %}",
            )][..],
            &[("a.html", "{% if deep %}{% include \"a.html\" %}{% endif %}")][..],
            &[
                ("base.html", "{% block x %}{% endblock %}"),
                (
                    "page.html",
                    "{% extends \"base.html\" %}{% include \"part.html\" %}",
                ),
                ("part.html", "p"),
            ][..],
            &[("r.html", "{% raw %}{% include \"r.html\" %}{% endraw %}")][..],
            &[("x.html", "{{ a::b }} {{ 'self::x()' }}")][..],
            &[("c.html", "{# {% include \"c.html\" %} #}")][..],
        ] {
            assert_eq!(run(templates), Ok(()), "{templates:?}");
        }
    }
}
