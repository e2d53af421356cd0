//! Speaker profiles: what the notes cannot say of a person (a bio, a photo, pronouns,
//! links, the other spellings of their name), written once in `content/speakers/NAME.md`
//! (front matter and a Markdown bio) or in one `content/speakers.toml`, and merged
//! with the names of the notes by slug ([`crate::site`]).
//!
//! A profile that cannot be read is a warning naming `path:line`: that profile is left
//! out, and the rest of the site builds as before.

use crate::error::{Location, Warning};
use crate::urls::speaker_slug;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// The folder of the one-file-per-speaker profiles, under the site root.
pub const FOLDER: &str = "content/speakers";
/// The one file of many profiles, under the site root.
pub const FILE: &str = "content/speakers.toml";

/// The largest profile file plenary reads.
const MAX_BYTES: u64 = 1 << 20;

/// One person's profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Profile {
    /// The file it was read from, relative to the site root.
    pub source: PathBuf,
    /// 1-based line of the profile in its file (its `[[speaker]]` in `speakers.toml`).
    pub line: usize,
    /// The name as the page shows it; `None` keeps the name of the notes.
    pub name: Option<String>,
    /// The speaker's slug: of `name`, or of the file's name.
    pub slug: String,
    /// Other spellings in the notes (`Dr. Ada Lovelace`), shown on this page.
    pub aliases: Vec<String>,
    pub pronouns: Option<String>,
    pub affiliation: Option<String>,
    /// A photo, relative to the profile's file (processed as the notes' photos are).
    pub photo: Option<String>,
    /// The photo's alt text; by default the name.
    pub photo_alt: Option<String>,
    /// Markdown.
    pub bio: String,
    /// Where the bio is written in `source`, for the lines its images are warned at.
    pub bio_at: BioAt,
    /// Links in a fixed order: the website first, then the known services, then the
    /// rest by label.
    pub links: Vec<ProfileLink>,
    /// This is the site author's own profile: its links get `rel="me"`.
    pub me: bool,
}

/// Where a profile's bio is written in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BioAt {
    /// Below a page's front matter: the 1-based line of its first line, so each of
    /// its lines is known.
    Body(usize),
    /// As a `bio` key: the key's line, which stands for every line of the bio.
    Key(usize),
}

impl Default for BioAt {
    fn default() -> BioAt {
        BioAt::Key(1)
    }
}

impl BioAt {
    /// The line in the profile's file of line `line` (1-based) of the bio.
    pub fn line(self, line: usize) -> usize {
        match self {
            BioAt::Body(first) => first + line.saturating_sub(1),
            BioAt::Key(at) => at,
        }
    }
}

/// One link of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProfileLink {
    /// The key as written (`website`, `mastodon`, `github`...).
    pub kind: String,
    /// What the page shows: `Website`, `Mastodon`, or the key as written.
    pub label: String,
    pub url: String,
}

/// Every profile of a site, by speaker slug, and the slugs their aliases stand for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profiles {
    pub by_slug: BTreeMap<String, Profile>,
    /// An alias's slug to the profile's slug.
    aliases: HashMap<String, String>,
}

impl Profiles {
    /// Whether there are no profiles (the site's speakers are the notes' names alone).
    pub fn is_empty(&self) -> bool {
        self.by_slug.is_empty()
    }

    /// The slug a speaker named `name` is filed under: the profile's when `name` is
    /// one of its aliases, else the name's own.
    pub fn slug_of(&self, name: &str) -> String {
        let slug = speaker_slug(name);
        match self.aliases.get(&slug) {
            Some(to) => to.clone(),
            None => slug,
        }
    }

    /// A fingerprint of the aliases: what every page that links a speaker depends on.
    pub fn alias_print(&self) -> u64 {
        let mut pairs: Vec<(&String, &String)> = self.aliases.iter().collect();
        pairs.sort_unstable();
        let mut h = std::hash::DefaultHasher::new();
        pairs.hash(&mut h);
        h.finish()
    }

    /// A fingerprint of every profile, for the pages that list speakers.
    pub fn print(&self) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        for p in self.by_slug.values() {
            p.hash(&mut h);
        }
        h.finish()
    }

    /// Adds a profile; a second profile of the same slug, or an alias already taken,
    /// is a warning.
    fn add(&mut self, profile: Profile, warnings: &mut Vec<Warning>) {
        if let Some(first) = self.by_slug.get(&profile.slug) {
            warnings.push(warning(
                &profile.source,
                profile.line,
                format!(
                    "a second profile of `{}`: the one in {}:{} is used; merge the two",
                    profile.slug,
                    first.source.display(),
                    first.line
                ),
            ));
            return;
        }
        if let Some(to) = self.aliases.get(&profile.slug) {
            warnings.push(warning(
                &profile.source,
                profile.line,
                format!(
                    "`{}` is already an alias in the profile of `{to}`: take it out of that profile's `aliases`",
                    profile.slug
                ),
            ));
            return;
        }
        for alias in &profile.aliases {
            let slug = speaker_slug(alias);
            let taken = match self.aliases.get(&slug) {
                Some(other) if *other != profile.slug => Some(other.clone()),
                _ if slug != profile.slug && self.by_slug.contains_key(&slug) => Some(slug.clone()),
                _ => None,
            };
            match taken {
                Some(other) => warnings.push(warning(
                    &profile.source,
                    profile.line,
                    format!(
                        "the alias `{alias}` already stands for `{other}`: it is left out of this profile"
                    ),
                )),
                None if slug != profile.slug => {
                    self.aliases.insert(slug, profile.slug.clone());
                }
                None => {}
            }
        }
        self.by_slug.insert(profile.slug.clone(), profile);
    }
}

/// Whether a path relative to the site root is a profile file (or the profiles'
/// folder), not an event's notes.
pub fn is_profile_path(rel: &Path) -> bool {
    rel == Path::new(FILE) || rel.starts_with(FOLDER)
}

/// The profiles of the site at `root`, and the warnings of the files that could not
/// be read. A site without profiles reads nothing.
pub fn load(root: &Path) -> (Profiles, Vec<Warning>) {
    let mut profiles = Profiles::default();
    let mut warnings = Vec::new();
    let folder = root.join(FOLDER);
    if folder.is_dir() {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&folder)
            .follow_links(true)
            .max_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file() && crate::load::is_notes_file(e.path()))
            .map(|e| crate::load::relative(root, e.path()))
            .collect();
        files.sort();
        for rel in files {
            match read(root, &rel).and_then(|text| parse_page(&rel, &text)) {
                Ok(profile) => profiles.add(profile, &mut warnings),
                Err(w) => warnings.push(w),
            }
        }
    }
    let file = Path::new(FILE);
    if root.join(file).is_file() {
        match read(root, file).and_then(|text| parse_table(file, &text)) {
            Ok(list) => {
                for p in list {
                    match p {
                        Ok(profile) => profiles.add(profile, &mut warnings),
                        Err(w) => warnings.push(w),
                    }
                }
            }
            Err(w) => warnings.push(w),
        }
    }
    (profiles, warnings)
}

fn read(root: &Path, rel: &Path) -> Result<String, Warning> {
    let bytes = crate::load::read_file(&root.join(rel), rel, MAX_BYTES).map_err(|e| Warning {
        location: e.location.unwrap_or(Location {
            path: rel.to_path_buf(),
            line: None,
            col: None,
        }),
        message: e.message,
    })?;
    String::from_utf8(bytes).map_err(|_| {
        warning(
            rel,
            1,
            "the profile is not UTF-8 text: save it as UTF-8".into(),
        )
    })
}

/// The keys of a profile as the writer types them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: Option<String>,
    #[serde(default, alias = "alias")]
    aliases: OneOrMany,
    pronouns: Option<String>,
    #[serde(alias = "organisation", alias = "organization", alias = "company")]
    affiliation: Option<String>,
    #[serde(alias = "image", alias = "avatar")]
    photo: Option<String>,
    photo_alt: Option<String>,
    bio: Option<String>,
    #[serde(default)]
    links: BTreeMap<String, String>,
    #[serde(default)]
    me: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

/// `content/speakers.toml`: `[[speaker]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[serde(default)]
    speaker: Vec<toml::Value>,
}

/// The profile of a `content/speakers/NAME.md`: front matter (TOML between `+++`,
/// YAML between `---`) and a Markdown bio under it. The name defaults to the file's.
pub fn parse_page(path: &Path, text: &str) -> Result<Profile, Warning> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = split(path, text)?;
    let raw: Raw = match (split.front, split.yaml) {
        (None, _) => Raw::default(),
        (Some(front), true) => serde_saphyr::from_str::<Option<Raw>>(front)
            .map_err(|e| {
                let line = e.location().map_or(2, |at| at.line() as usize + 1);
                let message = e.to_string();
                let first = message.lines().next().unwrap_or("").trim().to_string();
                warning(path, line, format!("invalid profile front matter: {first}"))
            })?
            .unwrap_or_default(),
        (Some(front), false) => {
            toml::from_str(front).map_err(|e| toml_warning(path, front, 2, &e))?
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut profile = from_raw(path, 1, raw, Some(&stem))?;
    if let Some(front) = split.front {
        // The front matter starts on line 2, below its opening line.
        profile.bio_at = BioAt::Key(key_line(front, "bio").map_or(1, |i| i + 2));
    }
    let bio = split.body.trim();
    if !bio.is_empty() {
        let skipped = &split.body[..split.body.len() - split.body.trim_start().len()];
        profile.bio_at = BioAt::Body(split.body_line + skipped.matches('\n').count());
        if !profile.bio.is_empty() {
            return Err(warning(
                path,
                split.body_line,
                "the bio is written twice, as `bio` and below the front matter: keep one".into(),
            ));
        }
        profile.bio = bio.to_string();
    }
    Ok(profile)
}

/// A profile page split at its front matter.
struct Split<'a> {
    front: Option<&'a str>,
    yaml: bool,
    body: &'a str,
    /// 1-based line of the body's first line.
    body_line: usize,
}

/// Splits off front matter: TOML from a first line `+++` to the next, YAML from a
/// first line `---` to the next `---` or `...`. A profile opens with its front matter
/// (unlike a notes file, whose `---` may be a Markdown rule).
fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Warning> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let (yaml, closers): (bool, &[&str]) = match text[..first_end].trim_end() {
        "+++" => (false, &["+++"]),
        "---" => (true, &["---", "..."]),
        _ => {
            return Ok(Split {
                front: None,
                yaml: false,
                body: text,
                body_line: 1,
            });
        }
    };
    let after_open = (first_end + 1).min(text.len());
    let mut offset = after_open;
    for (line, l) in (2..).zip(text[after_open..].split_inclusive('\n')) {
        if closers.contains(&l.trim_end()) {
            return Ok(Split {
                front: Some(&text[after_open..offset]),
                yaml,
                body: &text[offset + l.len()..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(warning(
        path,
        1,
        format!(
            "the front matter opened here is never closed: end it with a `{}` line",
            closers[0]
        ),
    ))
}

/// The profiles of `content/speakers.toml`: one result per `[[speaker]]` table, so that
/// one bad profile leaves the others in; the whole file fails only when it is not TOML.
pub fn parse_table(path: &Path, text: &str) -> Result<Vec<Result<Profile, Warning>>, Warning> {
    let table: Table = toml::from_str(text).map_err(|e| toml_warning(path, text, 1, &e))?;
    // The line of each `[[speaker]]`, for messages about a whole entry.
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[speaker]]"))
        .map(|(i, _)| i + 1)
        .collect();
    Ok(table
        .speaker
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let line = lines.get(i).copied().unwrap_or(1);
            let raw: Raw = value.try_into().map_err(|e: toml::de::Error| {
                let message = e.message().trim().to_string();
                warning(path, line, format!("invalid profile: {message}"))
            })?;
            let mut profile = from_raw(path, line, raw, None)?;
            // The entry's text: from its `[[speaker]]` line to the next one.
            let entry = text.lines().skip(line - 1);
            let end = lines.get(i + 1).map_or(usize::MAX, |next| next - line);
            let entry: Vec<&str> = entry.take(end).collect();
            profile.bio_at =
                BioAt::Key(key_line(&entry.join("\n"), "bio").map_or(line, |j| line + j));
            Ok(profile)
        })
        .collect())
}

/// The 0-based index of the line of `text` that sets `key` (`key = ...` in TOML,
/// `key: ...` in YAML).
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| matches!(rest.trim_start().chars().next(), Some('=' | ':')))
    })
}

/// A profile from its keys; `stem` is the file's name for a profile of its own file.
fn from_raw(path: &Path, line: usize, raw: Raw, stem: Option<&str>) -> Result<Profile, Warning> {
    let name = raw
        .name
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let slug = match (&name, stem) {
        (Some(n), _) => speaker_slug(n),
        (None, Some(stem)) if !crate::slug::slugify(stem).is_empty() => speaker_slug(stem),
        _ => {
            return Err(warning(
                path,
                line,
                "a profile needs a `name`: the speaker's name as the notes write it".into(),
            ));
        }
    };
    let mut links = Vec::new();
    for (kind, value) in raw.links {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let Some(url) = link_url(&kind, value) else {
            return Err(warning(
                path,
                line,
                format!(
                    "the link `{kind} = \"{value}\"` is not a web address: write it as `https://...`"
                ),
            ));
        };
        links.push(ProfileLink {
            label: label(&kind),
            kind,
            url,
        });
    }
    links.sort_by_key(|l| (rank(&l.kind), l.label.to_lowercase()));
    let aliases = match raw.aliases {
        OneOrMany::None => Vec::new(),
        OneOrMany::One(a) => vec![a],
        OneOrMany::Many(v) => v,
    };
    let some = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Profile {
        source: path.to_path_buf(),
        line,
        name,
        slug,
        aliases: aliases
            .into_iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect(),
        pronouns: some(raw.pronouns),
        affiliation: some(raw.affiliation),
        photo: some(raw.photo),
        photo_alt: some(raw.photo_alt),
        bio: raw.bio.unwrap_or_default().trim().to_string(),
        bio_at: BioAt::Key(line),
        links,
        me: raw.me,
    })
}

/// The services plenary knows by name: their label, and how a handle becomes a URL.
const SERVICES: &[(&str, &str)] = &[
    ("website", "Website"),
    ("blog", "Blog"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("github", "GitHub"),
    ("gitlab", "GitLab"),
    ("codeberg", "Codeberg"),
    ("linkedin", "LinkedIn"),
    ("twitter", "Twitter"),
    ("x", "X"),
    ("youtube", "YouTube"),
];

fn rank(kind: &str) -> usize {
    SERVICES
        .iter()
        .position(|(k, _)| k.eq_ignore_ascii_case(kind))
        .unwrap_or(SERVICES.len())
}

fn label(kind: &str) -> String {
    SERVICES
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(kind))
        .map_or_else(|| kind.to_string(), |(_, l)| l.to_string())
}

/// A link's URL: as written when it is one (`http(s)://`), else a known service's
/// handle made into one (`github = "ada"`, `mastodon = "@ada@example.social"`,
/// `bluesky = "ada.example"`). `None` for anything else.
fn link_url(kind: &str, value: &str) -> Option<String> {
    if value.starts_with("https://") || value.starts_with("http://") {
        return (!value.contains(char::is_whitespace)).then(|| value.to_string());
    }
    let handle = value.trim_start_matches('@');
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    match kind.to_ascii_lowercase().as_str() {
        "mastodon" => {
            let (user, host) = handle.split_once('@')?;
            (plain(user) && plain(host) && host.contains('.'))
                .then(|| format!("https://{host}/@{user}"))
        }
        "github" => plain(handle).then(|| format!("https://github.com/{handle}")),
        "gitlab" => plain(handle).then(|| format!("https://gitlab.com/{handle}")),
        "codeberg" => plain(handle).then(|| format!("https://codeberg.org/{handle}")),
        "bluesky" => plain(handle).then(|| format!("https://bsky.app/profile/{handle}")),
        "twitter" => plain(handle).then(|| format!("https://twitter.com/{handle}")),
        "x" => plain(handle).then(|| format!("https://x.com/{handle}")),
        "linkedin" => plain(handle).then(|| format!("https://www.linkedin.com/in/{handle}")),
        _ => None,
    }
}

fn warning(path: &Path, line: usize, message: String) -> Warning {
    Warning {
        location: Location {
            path: path.to_path_buf(),
            line: Some(line),
            col: None,
        },
        message,
    }
}

/// A TOML error at its line of the file (`first` is the file's line of `text`'s first).
fn toml_warning(path: &Path, text: &str, first: usize, e: &toml::de::Error) -> Warning {
    let (line, col) = match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + first;
            let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            (line, Some(col))
        }
        None => (first, None),
    };
    Warning {
        location: Location {
            path: path.to_path_buf(),
            line: Some(line),
            col,
        },
        message: format!("invalid profile: {}", e.message().trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_profile_reads_front_matter_and_bio() {
        let text = "+++\nname = \"Ada Lovelace\"\npronouns = \"she/her\"\naliases = [\"Dr. Ada Lovelace\"]\nphoto = \"ada.jpg\"\n[links]\ngithub = \"ada\"\nmastodon = \"@ada@example.social\"\nwebsite = \"https://ada.example/\"\n+++\nWrote the *first* program.\n";
        let p = parse_page(Path::new("content/speakers/ada.md"), text).expect("reads");
        assert_eq!(p.slug, "ada-lovelace");
        assert_eq!(p.pronouns.as_deref(), Some("she/her"));
        assert_eq!(p.bio, "Wrote the *first* program.");
        let links: Vec<(&str, &str)> = p
            .links
            .iter()
            .map(|l| (l.label.as_str(), l.url.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("Website", "https://ada.example/"),
                ("Mastodon", "https://example.social/@ada"),
                ("GitHub", "https://github.com/ada"),
            ]
        );
    }

    #[test]
    fn a_bio_knows_the_lines_it_stands_on_in_its_file() {
        // input, then the file's line of the bio's line 1 and line 3
        let cases = [
            ("+++\nname = \"A\"\n+++\n\n\nFirst.\n\n![x](y.jpg)\n", 6, 8),
            ("Only a bio.\n\nSecond.\n", 1, 3),
            ("---\nname: A\nbio: |\n  One.\n---\n", 3, 3),
            ("+++\nname = \"A\"\n+++\n", 1, 1),
        ];
        for (text, first, third) in cases {
            let p = parse_page(Path::new("a.md"), text).expect("reads");
            assert_eq!(
                (p.bio_at.line(1), p.bio_at.line(3)),
                (first, third),
                "{text:?}"
            );
        }
        let list = parse_table(
            Path::new("speakers.toml"),
            "[[speaker]]\nname = \"A\"\n\n[[speaker]]\nname = \"B\"\nbio = \"![x](b.jpg)\"\n",
        )
        .expect("TOML");
        let lines: Vec<usize> = list
            .iter()
            .map(|p| p.as_ref().expect("reads").bio_at.line(1))
            .collect();
        assert_eq!(lines, [1, 6]);
    }

    #[test]
    fn yaml_front_matter_and_a_name_from_the_file() {
        let text = "---\npronouns: they/them\n---\nBio.\n";
        let p = parse_page(Path::new("content/speakers/grace-hopper.md"), text).expect("reads");
        assert_eq!((p.name, p.slug.as_str()), (None, "grace-hopper"));
        assert_eq!(p.pronouns.as_deref(), Some("they/them"));
    }

    #[test]
    fn bad_profiles_are_warnings_at_their_line() {
        let w = parse_page(
            Path::new("a.md"),
            "+++\nname = \"A\"\npronoun = \"x\"\n+++\n",
        )
        .expect_err("unknown key");
        assert_eq!(w.location.line, Some(3), "{}", w.message);
        assert!(w.message.contains("pronoun"), "{}", w.message);
        let list = parse_table(
            Path::new("speakers.toml"),
            "[[speaker]]\nname = \"A\"\n\n[[speaker]]\nname = \"B\"\nlinks = { website = \"not a url\" }\n",
        )
        .expect("TOML");
        assert!(list[0].is_ok());
        let w = list[1].as_ref().expect_err("bad link");
        assert_eq!(w.location.line, Some(4));
        let w = parse_table(Path::new("speakers.toml"), "[[speaker]]\nname = \n")
            .expect_err("not TOML");
        assert_eq!(w.location.line, Some(2));
    }

    #[test]
    fn aliases_file_other_spellings_under_the_profile() {
        let mut profiles = Profiles::default();
        let mut warnings = Vec::new();
        let p = parse_page(
            Path::new("c.md"),
            "+++\nname = \"Christian Reitwiessner\"\naliases = [\"Dr. Christian Reitwiessner\", \"chriseth\"]\n+++\n",
        )
        .expect("reads");
        profiles.add(p, &mut warnings);
        assert!(warnings.is_empty());
        assert_eq!(
            profiles.slug_of("Dr. Christian Reitwiessner"),
            "christian-reitwiessner"
        );
        assert_eq!(profiles.slug_of("chriseth"), "christian-reitwiessner");
        assert_eq!(profiles.slug_of("Ada"), "ada");
    }
}
