//! Reading the body by the file's convention: sessions, updates, days, speaker lines
//! and notes, line by line, with every line landing somewhere.

use super::candidates::{self, Cand};
use super::convention::{self, Convention};
use super::days::{self, DaySpec};
use super::{
    below, card, front_talk, groups, panel, salutation, sections, speaker_heading, speakers, text,
    titles,
};
use crate::error::{Location, Warning};
use crate::markdown;
use crate::model::{Clock, Day, Kind, Session};
use crate::slug::slugify;
use jiff::civil::Date;
use std::collections::HashSet;
use std::path::Path;

/// Where the next body line goes.
#[derive(Clone, Copy)]
pub(super) enum Target {
    Preamble,
    DayIntro(usize),
    Session(usize),
}

/// How many non-blank lines under a title a forced speaker line is looked for.
const FORCED_WINDOW: u8 = 4;

/// What follows a session's title line.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Await {
    Nothing,
    /// The first line after the title: a speaker line or heading, or a topic heading
    /// when the title was a person.
    Speaker,
    /// The line after a speaker line: a second speaker line, strictly.
    Second,
}

pub struct Body<'p> {
    path: &'p Path,
    start: Option<Date>,
    want_title: bool,
    /// The title the front matter gives the event, if any.
    pub front_title: Option<String>,
    pub title: Option<String>,
    pub preamble: String,
    pub days: Vec<Day>,
    pub sessions: Vec<Session>,
    /// With `inspect --explain`: what each line was read as, by line number.
    pub explained: Option<Vec<(usize, String)>>,
    pub convention: Vec<String>,
    pub(super) anchors: HashSet<String>,
    /// Per session: its title line named the person first (`Name - Role`).
    pub(super) name_first: Vec<bool>,
    /// The file names its speakers in parentheses under its headings.
    pub(super) paren_people: bool,
}

impl<'p> Body<'p> {
    pub fn new(path: &'p Path, start: Option<Date>, want_title: bool, explain: bool) -> Self {
        Body {
            path,
            start,
            want_title,
            front_title: None,
            title: None,
            preamble: String::new(),
            days: vec![Day {
                date: start,
                label: None,
                line: None,
                intro: String::new(),
            }],
            sessions: Vec::new(),
            explained: explain.then(Vec::new),
            convention: Vec::new(),
            anchors: HashSet::new(),
            name_first: Vec::new(),
            paren_people: false,
        }
    }

    pub(super) fn explain(&mut self, no: usize, why: impl FnOnce() -> String) {
        if let Some(e) = &mut self.explained {
            e.push((no, why()));
        }
    }

    pub fn read(&mut self, lines: &[(usize, &str)], warnings: &mut Vec<Warning>) {
        let cands = candidates::classify_all(lines);
        let mut conv = convention::infer(&cands);
        conv.paren_votes = below::paren_votes(lines, &cands);
        self.paren_people = conv.paren_people();
        if let Some(rank) = below::rank_by_speakers(lines, &cands, &conv) {
            conv.session_ranks = vec![rank];
        }
        let essay = below::essay(lines, &cands, &conv);
        if essay.is_some() {
            conv.session_ranks.clear();
        }
        (conv.groups, conv.inner) = groups::find(&cands, &conv);
        conv.inner
            .extend(below::spoken_headings(lines, &cands, &conv));
        let over = groups::over_talks(&cands, &conv);
        conv.groups.extend(over);
        conv.sections = sections::find(lines, &cands, &conv);
        conv.groups.extend(conv.sections.iter().copied());
        conv.panel = panel::find(lines, &cands, &conv);
        let front_title = self.front_title.clone();
        let mut person_heads = Vec::new();
        if let Some((talks, people)) = below::talks_over_people(&cands, &conv) {
            conv.session_ranks.clear();
            conv.inner.retain(|i| !people.contains(i));
            conv.inner.extend(talks);
            person_heads = people;
        }
        let heading_panel = panel::person_headings(&cands, &conv, front_title.is_some());
        // A panel of person headings with its title in the front matter: its session
        // starts at the first line of the body, which stays in its notes.
        let front_start = match (&heading_panel, conv.title_line, &front_title) {
            (Some(_), None, Some(_)) => cands.iter().position(|c| !matches!(c, Cand::Blank)),
            _ => None,
        };
        // One talk's page: the title in the front matter, its speaker's name opening
        // the body. The session starts there, and that line is its speaker line.
        let front_speaker = match front_start {
            None if heading_panel.is_none() => {
                front_talk::speaker_first(lines, &cands, &conv, front_title.is_some())
            }
            _ => None,
        };
        let front_start = front_start.or(front_speaker);
        let card = card::find(lines, &cands, &conv);
        let speaker_heading = speaker_heading::under_title(&cands, &conv);
        let single = card.is_some()
            || heading_panel.is_some()
            || front_speaker.is_some()
            || conv.one_talk
            || speaker_heading.is_some()
            || below::one_talk(lines, &cands, &conv)
            // A title over a letter (`Dear all,`) is the page's title, not a talk's.
            || (below::only_a_title(lines, &cands, &conv)
                && !salutation::opens_letter(lines, &cands, conv.title_line));
        if single {
            // The title heading is the talk; the headings under it are its parts.
            conv.session_ranks.clear();
            conv.inner.clear();
        }
        if self.explained.is_some() {
            self.convention = conv.describe();
            if !person_heads.is_empty() {
                self.convention.push(format!(
                    "convention: {} talk heading(s) each have their person as a heading under them (past prose): the talks are the sessions",
                    person_heads.len()
                ));
            }
            if let Some((n, of)) = essay {
                self.convention.push(format!(
                    "convention: no sessions: {n} of {of} headings are sentences or questions and none names a speaker (the sections of an essay)"
                ));
            }
            if let Some(card) = &card {
                self.convention.push(format!(
                    "convention: one session: its card has {} labelled field(s) (presenter, topic, time...) near the top",
                    card.fields.len()
                ));
            } else if let Some(people) = &heading_panel {
                self.convention.push(format!(
                    "convention: one panel: {} heading(s) under the title are its people, and the audience's questions or the title say it is a panel",
                    people.len()
                ));
            } else if front_speaker.is_some() {
                self.convention.push(
                    "convention: one talk: the front matter titles it and the body opens with its speaker's name; the headings are its parts".into(),
                );
            } else if speaker_heading.is_some() {
                self.convention.push(
                    "convention: one talk: a heading that names only people stands right under the title heading (its speaker); the headings further down are its parts".into(),
                );
            } else if single {
                self.convention.push(if conv.one_talk {
                    "convention: one talk: most headings are parts of a talk (Introduction, Demo, Q&A...)".into()
                } else {
                    "convention: one talk: the title heading is followed by a speaker line, and no other heading is".into()
                });
            }
        }
        if let (Some(i), true) = (conv.title_line, self.want_title)
            && let Cand::Heading { text, .. } = cands[i]
        {
            self.title = Some(text.to_string());
        }

        let mut target = Target::Preamble;
        let mut wait = Await::Nothing;
        // Non-blank lines after a title where a forced speaker line (`Speaker: Ada`)
        // is still taken, past a date or a slides link.
        let mut window = 0u8;
        // The session whose `* Speakers:` bullet is being read, one person per nested
        // bullet under it.
        let mut people_list: Option<usize> = None;
        let mut last_time: Option<(usize, Clock, usize, bool)> = None;
        // Lines taken by a marker: their underlines go with them.
        let mut taken = vec![false; lines.len()];

        for (i, &(no, line)) in lines.iter().enumerate() {
            let cand = &cands[i];
            let start = if single && Some(i) == conv.title_line {
                match cand {
                    Cand::Heading { text, rank } => Some(Start::heading(text, *rank)),
                    _ => None,
                }
            } else if front_start == Some(i) {
                front_title.as_deref().map(Start::plain)
            } else if let Some(c) = &card {
                // One session: the card's, started at its title or its first field.
                (c.start == i).then(|| {
                    Start::plain(candidates::heading(line).map_or(line.trim(), |(_, t)| t))
                })
            } else if conv.panel.as_ref().is_some_and(|(t, _)| *t == i) {
                Some(Start::plain(line.trim()))
            } else {
                self.start_at(&cands, i, &conv)
            };
            if self.panel_line(&conv, i, no, line, target) {
                continue;
            }
            // `## Ada Lovelace` under the talk's heading, past its prose: its speaker.
            if start.is_none()
                && person_heads.contains(&i)
                && let (Target::Session(s), Cand::Heading { text, .. }) = (target, cand)
            {
                let session = &mut self.sessions[s];
                let plain = titles::plain(text);
                for sp in speakers::split(&plain) {
                    if !session.speakers.iter().any(|have| have.name == sp.name) {
                        session.speakers.push(sp);
                    }
                }
                session.speaker_lines.push(no);
                session.speaker_line.get_or_insert(plain);
                self.explain(no, || {
                    "speaker heading: a person under the talk's heading, as under every talk here"
                        .into()
                });
                continue;
            }
            if Some(i) == conv.title_line && !single {
                if self.want_title {
                    taken[i] = true;
                    self.explain(no, || "event title: the first heading".into());
                    continue;
                }
            } else if let Some(start) = start {
                taken[i] = true;
                let day = self.days.len() - 1;
                let twelve = start.twelve && conv.twelve_hour;
                let time = start.time.map(|t| afternoon(t, twelve, day, last_time));
                let mut after_midnight = false;
                if let (Some(t), Some((prev_day, prev, prev_line, rolled))) = (time, last_time)
                    && prev_day == day
                {
                    after_midnight = rolled;
                    if t < prev {
                        // `00:30` after the day's talks is the small hours of the next
                        // date; `09:00` after `14:00` is more likely a missing day marker.
                        if !rolled && t.hour < 6 {
                            after_midnight = true;
                        } else {
                            warnings.push(self.warning(
                                no,
                                format!(
                                    "{t} is earlier than {prev} on line {prev_line}: is a day marker (`## Day 2`) missing?"
                                ),
                            ));
                        }
                    }
                }
                if let Some(t) = time {
                    last_time = Some((day, t, no, after_midnight));
                }
                let read = match start.stamp_rest {
                    Some(_) => titles::TitleLine::default(),
                    None => titles::read_as(start.text, conv.side, conv.format_people()),
                };
                let kind = match start.stamp_rest {
                    Some(_) => Kind::Update,
                    None => match text::kind(start.text) {
                        // A talk under `## Keynotes` or `## Workshops` is one of them.
                        Kind::Talk => match groups::kind_from_group(&cands, i, &conv) {
                            // `### Workshops` over a list of titles: workshops.
                            Kind::Talk if start.rank == Some(candidates::BULLET_RANK) => {
                                super::kind_lists::list_kind(lines, i).unwrap_or(Kind::Talk)
                            }
                            kind => kind,
                        },
                        kind => kind,
                    },
                };
                let anchor = unique_anchor(&mut self.anchors, time, &read.title);
                self.name_first.push(read.name_first);
                self.explain(no, || {
                    let what = match (start.stamp_rest, time, start.rank) {
                        (Some(_), _, _) => "update: a bare time stamp".to_string(),
                        (None, Some(_), _) => "session: a time line".to_string(),
                        (None, None, Some(r)) => {
                            format!("session: {}", convention::heading_name(r))
                        }
                        (None, None, None) if front_speaker == Some(i) => {
                            "session, titled by the front matter; speaker line: the name opening the body of one talk's page".to_string()
                        }
                        (None, None, None) => "session".to_string(),
                    };
                    match read.why {
                        Some(why) => format!(
                            "{what}; {} speaker(s) on the title line: {why}",
                            read.speakers.len()
                        ),
                        None => what,
                    }
                });
                let tags = text::hashtags(&read.title)
                    .into_iter()
                    .map(|h| h.tag)
                    .collect();
                let speaker_line = read.speaker_text.clone();
                self.sessions.push(Session {
                    day,
                    time,
                    end_time: start.end.map(|e| match time {
                        // `1:30 - 2:15` read as the afternoon moves its end along.
                        Some(t) if twelve && e < t && e.hour < 12 => {
                            Clock::new(e.hour + 12, e.minute).unwrap_or(e)
                        }
                        _ => e,
                    }),
                    // A 12-hour time moved to the afternoon keeps the line as typed.
                    written: if time.is_some() && time != start.time {
                        Some(line.trim().to_string())
                    } else {
                        shed_words(start.text, &read)
                    },
                    title: read.title,
                    subtitle: None,
                    kind,
                    speakers: read.speakers,
                    speaker_lines: if speaker_line.is_some() {
                        vec![no]
                    } else {
                        Vec::new()
                    },
                    speaker_line,
                    tags,
                    anchor,
                    line: no,
                    after_midnight,
                    body: String::new(),
                    live: Default::default(),
                });
                target = Target::Session(self.sessions.len() - 1);
                wait = Await::Speaker;
                window = FORCED_WINDOW;
                if card.is_some() {
                    // The card's fields say who and when; they stay in the notes.
                    wait = Await::Nothing;
                    window = 0;
                }
                if front_speaker == Some(i) {
                    let s = self.sessions.len() - 1;
                    let mut next = Await::Nothing;
                    if !self.speaker(s, cand, line, true, &mut next, no) {
                        self.push(target, line);
                    }
                    wait = Await::Nothing;
                } else if front_start == Some(i) {
                    self.push(target, line);
                    wait = Await::Nothing;
                } else if let Some(rest) = start.stamp_rest.filter(|r| !r.is_empty()) {
                    self.push(target, rest);
                    wait = Await::Nothing;
                } else if let Some(rest) = described(line, start.text) {
                    // `[Title](url) (Ada): what it was about`: the words after the
                    // colon are the session's first notes.
                    self.push(target, rest);
                    wait = Await::Nothing;
                }
                continue;
            }
            // `Der Samstag Abend` under `Der Samstag`: a part of the day already
            // begun, read as a heading of its notes.
            if let Cand::Day { spec, label, .. } = cand
                && days::is_day_part(label)
                && self.same_weekday(*spec)
            {
                taken[i] = true;
                self.explain(no, || {
                    "notes: a part of the day begun above (`Saturday evening`), not another day"
                        .into()
                });
                self.push(target, line);
                continue;
            }
            if let Cand::Day { spec, label, .. } = cand {
                taken[i] = true;
                self.day_marker(*spec, label, no);
                self.explain(no, || format!("day: {label}"));
                target = Target::DayIntro(self.days.len() - 1);
                wait = Await::Nothing;
                continue;
            }
            // An underline goes with the marker beside it, not with another underline.
            if matches!(cand, Cand::Underline)
                && (i > 0 && taken[i - 1] && !matches!(cands[i - 1], Cand::Underline)
                    || taken.get(i + 1).copied().unwrap_or(false)
                    || self.next_taken(&cands, i, &conv))
            {
                taken[i] = true;
                self.explain(no, || "underline of the heading beside it".into());
                continue;
            }
            if !line.trim().is_empty() && window > 0 {
                window -= 1;
                if wait == Await::Nothing
                    && matches!(cand, Cand::Text)
                    && let Target::Session(s) = target
                    && self.sessions[s].speakers.is_empty()
                    // Only a label with a colon (`Speaker:`), not `by` or `with`, which
                    // open sentences too.
                    && line.split_whitespace().take(3).any(|w| w.ends_with(':') || w.ends_with(":**"))
                    && let Some(read) = speakers::read_line(line, false).filter(|r| r.forced)
                {
                    let session = &mut self.sessions[s];
                    session.speakers = read.speakers;
                    session.speaker_line = Some(read.shown);
                    session.speaker_lines.push(no);
                    window = 0;
                    self.explain(no, || {
                        "speaker line: forced by its first word, a few lines under the title".into()
                    });
                    continue;
                }
            }
            // `* Speakers:` (or `* people`), then one person per nested bullet.
            if let (Target::Session(s), Cand::Text) = (target, cand) {
                if people_list == Some(s)
                    && let Some(person) = super::speaker_shapes::nested_person(line)
                {
                    let session = &mut self.sessions[s];
                    if !session.speakers.iter().any(|sp| sp.name == person.name) {
                        session.speakers.push(person);
                    }
                    self.explain(no, || {
                        "notes, and a speaker: a person in the list under a speakers label".into()
                    });
                    self.push(target, line);
                    continue;
                }
                if !line.trim().is_empty() {
                    people_list = None;
                }
                if super::speaker_shapes::people_label(line) {
                    people_list = Some(s);
                    self.explain(no, || {
                        "notes: a label over a list of the session's people".into()
                    });
                    self.push(target, line);
                    continue;
                }
            }
            // `* Ada, Grace, Alan` a few lines under the title: the talk's people by
            // their given names, as memos name them.
            if window > 0
                && wait == Await::Nothing
                && matches!(cand, Cand::Text)
                && let Target::Session(s) = target
                && self.sessions[s].speakers.is_empty()
                && let Some(people) = super::speaker_shapes::given_names_bullet(line)
            {
                let session = &mut self.sessions[s];
                let n = people.len();
                session.speakers = people;
                window = 0;
                self.explain(no, || {
                    format!("notes, and speakers: {n} given names in a bullet under the title")
                });
                self.push(target, line);
                continue;
            }
            // The speaker heading under the title that the speaker reader does not
            // take (`### Dr Ada Lovelace (Example Labs)`).
            if Some(i) == speaker_heading
                && wait == Await::Speaker
                && let Target::Session(s) = target
                && self.sessions[s].speakers.is_empty()
                && let Cand::Heading { text, .. } = cand
                && let Some(person) = speaker_heading::person_with_org(text)
            {
                let session = &mut self.sessions[s];
                session.speakers = vec![person];
                session.speaker_line = Some(text.to_string());
                session.speaker_lines.push(no);
                wait = Await::Nothing;
                self.explain(no, || {
                    "speaker heading: a name and its affiliation right under the title".into()
                });
                continue;
            }
            // A reader looks past a picture or a slides link to the speaker line.
            let media = wait == Await::Speaker && matches!(cand, Cand::Text) && is_media(line);
            if wait != Await::Nothing && !line.trim().is_empty() && !media {
                let first = wait == Await::Speaker;
                wait = Await::Nothing;
                if let Target::Session(s) = target
                    && self.speaker(s, cand, line, first, &mut wait, no)
                {
                    let n = self.sessions[s].speakers.len();
                    let sub = self.sessions[s].subtitle.is_some();
                    self.explain(no, || {
                        format!(
                            "speaker line: {n} name(s){}",
                            if sub { ", after a subtitle" } else { "" }
                        )
                    });
                    continue;
                }
            }
            let field = card.as_ref().is_some_and(|c| c.fields.contains(&i));
            self.explain(no, || match (cand, target) {
                _ if field => {
                    "notes: a field of the session's card, read for its people, topic or time"
                        .into()
                }
                (Cand::Blank, _) => String::new(),
                (Cand::Text, _)
                    if candidates::heading(line)
                        .is_some_and(|(_, t)| super::kind_lists::names_a_kind(t)) =>
                {
                    "notes: the name of the list of sessions under it (`Talks`, `Workshops`), not a session".into()
                }
                (Cand::Text, _) if super::times::bold_range_line(line).is_some() => {
                    "notes: a bold time range over the time lines after it (a block of talks), not a session".into()
                }
                (Cand::Heading { .. }, _)
                    if heading_panel
                        .as_ref()
                        .is_some_and(|p| p.iter().any(|(k, _)| *k == i)) =>
                {
                    "notes, and speakers of the panel: a heading that is only people".into()
                }
                (Cand::Heading { .. }, _) if conv.sections.contains(&i) => {
                    "notes: a section heading with prose under it, in a file whose sessions are time lines".into()
                }
                (Cand::Heading { text, .. }, _) if convention::is_aside(text) => {
                    "notes: a heading that is an aside (links, summary...), not a session".into()
                }
                (Cand::Heading { rank, .. }, _) => format!(
                    "notes: {}, not of the kind that starts sessions here",
                    convention::heading_name(*rank)
                ),
                (_, Target::Preamble) => "introduction".into(),
                (_, Target::DayIntro(_)) => "day introduction".into(),
                (_, Target::Session(_)) => "notes".into(),
            });
            self.push(target, line);
        }
        if let Some(card) = card {
            self.apply_card(card, lines);
        }
        // A panel of person headings: its people are the session's speakers.
        let panel_line = conv
            .title_line
            .or(front_start)
            .and_then(|t| lines.get(t))
            .map(|&(no, _)| no);
        if let (Some(people), Some(no)) = (heading_panel, panel_line)
            && let Some(session) = self.sessions.iter_mut().find(|s| s.line == no)
        {
            for (_, found) in people {
                for sp in found {
                    if !session.speakers.iter().any(|s| s.name == sp.name) {
                        session.speakers.push(sp);
                    }
                }
            }
        }
        for s in &mut self.sessions {
            for t in markdown::hashtags(&s.body) {
                if !s.tags.contains(&t) {
                    s.tags.push(t);
                }
            }
        }
    }

    /// Gives the card's session what its fields say: the topic as title (the line
    /// as written kept), the people and the time, where the session has none.
    fn apply_card(&mut self, card: card::Card, lines: &[(usize, &str)]) {
        let Some(&(no, written)) = lines.get(card.start) else {
            return;
        };
        let Some(s) = self.sessions.iter_mut().find(|s| s.line == no) else {
            return;
        };
        if let Some(title) = card.title {
            s.written.get_or_insert_with(|| written.trim().to_string());
            s.kind = text::kind(&title);
            s.title = title;
            // The first line named the people, not the talk.
            s.speakers.clear();
            s.speaker_line = None;
            s.speaker_lines.clear();
        }
        if s.speakers.is_empty() {
            s.speakers = card.speakers;
        }
        if s.time.is_none()
            && let Some((time, end)) = card.time
        {
            s.time = Some(time);
            s.end_time = end;
        }
        self.anchors.remove(&s.anchor);
        s.anchor = unique_anchor(&mut self.anchors, s.time, &s.title);
    }

    /// Whether the overline at `i` sits over a heading that starts a session.
    fn next_taken(&self, cands: &[Cand<'_>], i: usize, conv: &Convention) -> bool {
        cands.get(i + 1).is_some_and(|c| {
            matches!(c, Cand::Day { .. }) || self.start_at(cands, i + 1, conv).is_some()
        })
    }

    /// The session a line starts, by the convention.
    pub(super) fn start_of<'c>(&self, cand: &'c Cand<'_>, conv: &Convention) -> Option<Start<'c>> {
        match cand {
            Cand::Timed { rank, marker } => Some(Start {
                time: Some(marker.time),
                end: marker.end,
                twelve: marker.twelve,
                text: &marker.title,
                rank: *rank,
                stamp_rest: None,
            }),
            Cand::Stamp { rank, time, rest } => Some(Start {
                time: Some(*time),
                end: None,
                twelve: false,
                text: "",
                rank: *rank,
                stamp_rest: Some(rest),
            }),
            Cand::Heading { rank, text }
                if conv.session_ranks.contains(rank) && !convention::is_aside(text) =>
            {
                Some(Start::heading(text, *rank))
            }
            _ => None,
        }
    }

    fn push(&mut self, target: Target, line: &str) {
        let buf = match target {
            Target::Preamble => &mut self.preamble,
            Target::DayIntro(d) => &mut self.days[d].intro,
            Target::Session(s) => &mut self.sessions[s].body,
        };
        buf.push_str(line);
        buf.push('\n');
    }

    /// Starts a new day, or, when the current day has nothing yet (no session, no
    /// text), describes it: `## Day 2` followed by `Thursday, 9 October` names one day,
    /// not two; two day headings with prose between them are two days.
    fn day_marker(&mut self, spec: DaySpec, label: &str, no: usize) {
        let current = self.days.len() - 1;
        let current_empty = !self.sessions.iter().any(|s| s.day == current)
            && self.days[current].intro.trim().is_empty();
        let previous = if current_empty {
            current.checked_sub(1).and_then(|p| self.days[p].date)
        } else {
            self.days[current].date
        };
        let date = spec.resolve(self.start, previous).or_else(|| {
            // Without a known start, `Day 2` still follows the day before it.
            previous.and_then(|p| p.tomorrow().ok())
        });
        if current_empty {
            let day = &mut self.days[current];
            day.label = Some(match day.label.take() {
                Some(first) => format!("{first} · {label}"),
                None => label.to_string(),
            });
            day.line.get_or_insert(no);
            // A weekday or date is more precise than `Day 2`.
            if day.date.is_none() || !matches!(spec, DaySpec::Nth(_)) {
                day.date = date.or(day.date);
            }
        } else {
            self.days.push(Day {
                date,
                label: Some(label.to_string()),
                line: Some(no),
                intro: String::new(),
            });
        }
    }

    /// Whether a weekday marker names the weekday of the current day (by its date, or
    /// by its own marker when the date is unknown).
    fn same_weekday(&self, spec: DaySpec) -> bool {
        let DaySpec::Weekday(w) = spec else {
            return false;
        };
        let Some(day) = self.days.last() else {
            return false;
        };
        day.date.map(|d| d.weekday()) == Some(w)
            || day
                .label
                .as_deref()
                .and_then(days::day_marker)
                .is_some_and(|s| s == DaySpec::Weekday(w))
    }

    fn warning(&self, line: usize, message: String) -> Warning {
        Warning {
            location: Location {
                path: self.path.to_path_buf(),
                line: Some(line),
                col: None,
            },
            message,
        }
    }
}

/// A line that is only an image, a link or an address: `![photo](a.jpg)`,
/// `[Slides](https://...)`, `https://...`.
fn is_media(line: &str) -> bool {
    let t = line.trim().trim_start_matches(['-', '*', ' ']);
    let t = t.strip_prefix('!').unwrap_or(t);
    (t.starts_with('[') && t.ends_with(')') && t.contains("](") && t.matches("](").count() == 1)
        || ((t.starts_with("https://") || t.starts_with("http://")) && !t.contains(' '))
}

/// A time as the day's order reads it: on a 12-hour clock, `1:30` after `12:00` is
/// half past one in the afternoon.
fn afternoon(
    t: Clock,
    twelve: bool,
    day: usize,
    last: Option<(usize, Clock, usize, bool)>,
) -> Clock {
    match last {
        Some((prev_day, prev, _, _)) if twelve && prev_day == day && t < prev && t.hour < 12 => {
            Clock::new(t.hour + 12, t.minute)
                .filter(|pm| *pm >= prev)
                .unwrap_or(t)
        }
        _ => t,
    }
}

/// The title line as written, when its plain title and speakers lack some of its words.
fn shed_words(written: &str, read: &titles::TitleLine) -> Option<String> {
    let kept = format!(
        "{} {}",
        read.title,
        read.speaker_text.as_deref().unwrap_or("")
    );
    let kept: HashSet<&str> = kept
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    written
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && !kept.contains(w))
        .then(|| written.to_string())
}

/// What follows a title line's head on its own line after a colon (`[Title](url)
/// (Ada): what it was about`), when the session was started by the head alone.
fn described<'l>(line: &'l str, head: &str) -> Option<&'l str> {
    let start = line.as_ptr() as usize;
    let at = (head.as_ptr() as usize).checked_sub(start)?;
    let end = at.checked_add(head.len())?;
    // Only a head that is a piece of this very line.
    if line.get(at..end) != Some(head) {
        return None;
    }
    let rest = line.get(end..)?.strip_prefix(':')?.trim();
    (!rest.is_empty() && head.len() < line.len()).then_some(rest)
}

/// A line that starts a session or an update.
pub(super) struct Start<'c> {
    pub(super) time: Option<Clock>,
    pub(super) end: Option<Clock>,
    pub(super) twelve: bool,
    pub(super) text: &'c str,
    pub(super) rank: Option<u8>,
    /// For an update: the text after the stamp on its line.
    pub(super) stamp_rest: Option<&'c str>,
}

impl<'c> Start<'c> {
    /// An untimed session started by a heading.
    pub(super) fn heading(text: &'c str, rank: u8) -> Start<'c> {
        Start {
            time: None,
            end: None,
            twelve: false,
            text,
            rank: Some(rank),
            stamp_rest: None,
        }
    }
}

pub(super) fn unique_anchor(
    used: &mut HashSet<String>,
    time: Option<Clock>,
    title: &str,
) -> String {
    let slug = slugify(title);
    let base = match (time, slug.is_empty()) {
        (Some(t), false) => format!("{:02}{:02}-{slug}", t.hour, t.minute),
        (Some(t), true) => format!("{:02}{:02}", t.hour, t.minute),
        (None, false) => slug,
        (None, true) => "session".to_string(),
    };
    let mut anchor = base.clone();
    let mut n = 2;
    while !used.insert(anchor.clone()) {
        anchor = format!("{base}-{n}");
        n += 1;
    }
    anchor
}
