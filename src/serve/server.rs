//! The dev server's connections, on `std::net` alone: a thread of its own for each
//! connection, up to a limit under the process's open-file limit; the excess shed
//! (the longest-waiting idle connection closed to make room) and the port never left;
//! a request head read only up to the limits; timeouts for idle and half-sent requests
//! and for answers nobody reads. HTTP itself (parsing, answers) is `http.rs`'s.
//!
//! Why not an HTTP library: tiny_http 0.12, used before, gave none of this. Its accept
//! thread stops for good on the first accept error (`EMFILE` once the descriptors are
//! used up), and a failed `try_clone` panics; it starts a thread per connection with
//! no limit; it reads a header line byte by byte with no limit before anyone can
//! refuse it; and it has no write timeout, so four clients that never read a big file
//! hold its four request threads. The rest of what serve needs from HTTP/1.1 (GET and
//! HEAD of files in memory, keep-alive, one event stream) is a few hundred lines.

use super::http::{self, Reply, Response, Shared};
use super::request;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// Connections open at once, at most; fewer when the open-file limit is low.
const MAX_CONNECTIONS: usize = 512;
/// How long a kept-alive connection waits for its next request.
const IDLE: Duration = Duration::from_secs(15);
/// How long a request head may take to arrive, from its first byte.
const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long a write may wait for the client to read (per write, not per answer).
const WRITE_STALL: Duration = Duration::from_secs(10);
/// After refusing a request, what is still read so the refusal reaches the client
/// before the connection closes, at most.
const LINGER_BYTES: usize = 1 << 20;
const LINGER_TIME: Duration = Duration::from_secs(1);
/// A connection's thread does little and nothing recursive.
const STACK: usize = 256 * 1024;

/// Accepts connections on `listener` on a thread of its own, for as long as the
/// process lives.
pub fn start(listener: TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    deepen_queue(&listener);
    let slots = Arc::new(Slots::new(connection_limit()));
    thread::Builder::new()
        .name("plenary-accept".to_string())
        .spawn(move || accept(&listener, &shared, &slots))
        .map(drop)
}

/// Room in the listen queue for a burst of new connections: past the 128 that std asks
/// for, a connection attempt is dropped and the client tries again only a second later.
#[cfg(unix)]
fn deepen_queue(listener: &TcpListener) {
    use std::os::fd::AsRawFd;
    // SAFETY: `listen` again on a listening socket only sets its queue's length (the
    // system caps it); a failure leaves the queue as it was.
    unsafe {
        libc::listen(listener.as_raw_fd(), 1024);
    }
}

#[cfg(not(unix))]
fn deepen_queue(_listener: &TcpListener) {}

/// The most connections open at once: a quarter of the open-file limit (at least 64
/// descriptors) stays for the rest (the listener, the file watcher, the files a
/// rebuild reads on every core).
fn connection_limit() -> usize {
    let files = open_file_limit();
    files
        .saturating_sub((files / 4).max(64))
        .clamp(16, MAX_CONNECTIONS)
}

#[cfg(unix)]
fn open_file_limit() -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit, which lives for the call.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
    if ok {
        usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
    } else {
        1024
    }
}

#[cfg(not(unix))]
fn open_file_limit() -> usize {
    MAX_CONNECTIONS * 2
}

fn accept(listener: &TcpListener, shared: &Arc<Shared>, slots: &Arc<Slots>) {
    loop {
        match listener.accept() {
            Ok((stream, _)) => admit(stream, shared, slots),
            // Out of descriptors, or of memory: free one and try again in a moment. Any
            // other error (a client that gave up while queued) is that client's; the
            // pause keeps an error that repeats from spinning a core.
            Err(e) if e.raw_os_error().is_some_and(out_of_resources) => {
                slots.evict();
                thread::sleep(Duration::from_millis(10));
            }
            Err(_) => thread::sleep(Duration::from_millis(1)),
        }
    }
}

#[cfg(unix)]
fn out_of_resources(errno: i32) -> bool {
    [libc::EMFILE, libc::ENFILE, libc::ENOBUFS, libc::ENOMEM].contains(&errno)
}

#[cfg(not(unix))]
fn out_of_resources(_errno: i32) -> bool {
    true
}

/// Gives a new connection a slot and a thread, or a quick 503 when every slot holds an
/// event stream.
fn admit(stream: TcpStream, shared: &Arc<Shared>, slots: &Arc<Slots>) {
    let stream = Arc::new(stream);
    let Some(id) = slots.enter(&stream) else {
        // A fresh socket's send buffer takes this whole; never wait for it.
        let _ = stream.set_nonblocking(true);
        let _ = write_response(
            &stream,
            &http::text(503, "too many connections\n"),
            false,
            false,
        );
        return;
    };
    let (shared, held) = (shared.clone(), slots.clone());
    let spawned = thread::Builder::new()
        .name("plenary-http".to_string())
        .stack_size(STACK)
        .spawn(move || {
            connection(&stream, &shared, &held, id);
            held.leave(id);
        });
    if spawned.is_err() {
        slots.leave(id);
    }
}

/// Serves the requests of one connection until it closes, idles too long or is
/// evicted.
fn connection(stream: &TcpStream, shared: &Shared, slots: &Slots, id: u64) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(WRITE_STALL));
    // Bytes read and not yet used: a head being read, or the next one pipelined.
    let mut buf = Vec::with_capacity(4096);
    loop {
        slots.set(id, State::Waiting);
        let end = match read_head(stream, &mut buf) {
            Ok(Some(end)) => end,
            Ok(None) => return,
            Err(status) => return refuse(stream, status),
        };
        slots.set(id, State::Answering);
        let request = match request::parse(&buf[..end]) {
            Ok(request) => request,
            Err(status) => return refuse(stream, status),
        };
        buf.drain(..end);
        match http::answer(shared, &request) {
            Reply::Page(response) => {
                // A body is never read, so nothing after it can be told from it.
                let keep_alive = request.keep_alive && !request.has_body;
                let head_only = request.method == "HEAD";
                let sent = write_response(stream, &response, head_only, keep_alive);
                if sent.is_err() {
                    return;
                }
                if !keep_alive {
                    return close(stream);
                }
            }
            Reply::Stream { query } => return stream_events(stream, shared, slots, id, &query),
        }
    }
}

/// Hands the connection to the live-reload hub until the browser goes away.
fn stream_events(stream: &TcpStream, shared: &Shared, slots: &Slots, id: u64, query: &str) {
    if shared.hub.admit() {
        slots.set(id, State::Streaming);
        shared.hub.stream(query, stream);
    } else {
        let busy = http::text(503, "too many listeners\n");
        let _ = write_response(stream, &busy, false, false);
        close(stream);
    }
}

/// Reads until `buf` holds a whole request head and returns where it ends. `Ok(None)`
/// when the connection closed, was evicted, or sent nothing for too long; `Err` with
/// the refusing status once the head passes the limits, however much more is coming.
fn read_head(mut stream: &TcpStream, buf: &mut Vec<u8>) -> Result<Option<usize>, u16> {
    let mut chunk = [0u8; 8192];
    let mut scanned: usize = 0;
    let mut deadline = None;
    loop {
        // Empty lines before a request are allowed, and are not its end.
        let blank = buf
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        buf.drain(..blank);
        scanned = scanned.saturating_sub(blank);
        if !buf.is_empty() {
            if let Some(end) = request::head_end(buf, scanned) {
                return Ok(Some(end));
            }
            if let Some(status) = request::refuse_partial(buf) {
                return Err(status);
            }
            deadline.get_or_insert_with(|| Instant::now() + HEAD_TIME);
        }
        scanned = buf.len();
        let wait = deadline.map_or(IDLE, |d: Instant| {
            d.saturating_duration_since(Instant::now())
        });
        if wait.is_zero() || stream.set_read_timeout(Some(wait)).is_err() {
            return Ok(None);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Ok(None),
        }
    }
}

/// Answers a request that cannot be read, and closes.
fn refuse(stream: &TcpStream, status: u16) {
    let message = match status {
        414 => "the URL is too long\n",
        431 => "the request's headers are too large\n",
        505 => "only HTTP/1.0 and HTTP/1.1 are served\n",
        _ => "bad request\n",
    };
    if write_response(stream, &http::text(status, message), false, false).is_ok() {
        close(stream);
    }
}

/// Closes after an answer. Closing with unread bytes from the client makes the kernel
/// reset the connection, which can destroy the answer before the client reads it: so
/// the sending side is shut first, and a little of what still comes is read and
/// dropped.
fn close(mut stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + LINGER_TIME;
    let mut chunk = [0u8; 8192];
    let mut drained = 0;
    while drained < LINGER_BYTES {
        let wait = deadline.saturating_duration_since(Instant::now());
        if wait.is_zero() || stream.set_read_timeout(Some(wait)).is_err() {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

fn write_response(
    mut stream: &TcpStream,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    use std::fmt::Write as _;
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        http::reason(response.status)
    );
    for (name, value) in &response.headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let connection = if keep_alive { "keep-alive" } else { "close" };
    let _ = write!(
        head,
        "Content-Length: {}\r\nConnection: {connection}\r\n\r\n",
        response.body.len()
    );
    let mut head = head.into_bytes();
    if head_only {
        return stream.write_all(&head);
    }
    // One write for a small answer; a big body is written from the site in memory.
    if response.body.len() <= 16 * 1024 {
        head.extend_from_slice(&response.body);
        stream.write_all(&head)
    } else {
        stream.write_all(&head)?;
        stream.write_all(&response.body)
    }
}

/// What a connection is doing, in the order connections are evicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum State {
    /// Waiting for a request, or for the rest of its head: nothing is lost by closing.
    Waiting,
    /// Answering: closing it cuts an answer short.
    Answering,
    /// Holding an event stream (bounded by the hub): never evicted.
    Streaming,
}

/// The open connections, each with what it is doing since when.
struct Slots {
    limit: usize,
    table: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    /// Sorted by id: ids only grow, and an evicted connection's thread, still ending,
    /// never finds its id given to another.
    open: Vec<Slot>,
    next: u64,
}

struct Slot {
    id: u64,
    stream: Arc<TcpStream>,
    state: State,
    since: Instant,
}

impl Slots {
    fn new(limit: usize) -> Slots {
        Slots {
            limit,
            table: Mutex::default(),
        }
    }

    fn table(&self) -> MutexGuard<'_, Table> {
        // Nothing panics while holding the lock; a poisoned table is still consistent.
        self.table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A slot for a new connection, making room when the table is full; `None` when no
    /// connection can give way.
    fn enter(&self, stream: &Arc<TcpStream>) -> Option<u64> {
        let mut table = self.table();
        if table.open.len() >= self.limit && !evict_from(&mut table.open) {
            return None;
        }
        let id = table.next;
        table.next += 1;
        table.open.push(Slot {
            id,
            stream: stream.clone(),
            state: State::Waiting,
            since: Instant::now(),
        });
        Some(id)
    }

    fn set(&self, id: u64, state: State) {
        let mut table = self.table();
        let open = &mut table.open;
        if let Ok(at) = open.binary_search_by_key(&id, |s| s.id) {
            open[at].state = state;
            open[at].since = Instant::now();
        }
    }

    fn leave(&self, id: u64) {
        let mut table = self.table();
        let open = &mut table.open;
        if let Ok(at) = open.binary_search_by_key(&id, |s| s.id) {
            open.remove(at);
        }
    }

    /// Closes one connection to free its descriptor.
    fn evict(&self) {
        evict_from(&mut self.table().open);
    }
}

/// Closes the connection that has waited longest, or else the longest-answering one;
/// false when every one holds an event stream. Its thread sees the connection closed
/// and ends.
fn evict_from(table: &mut Vec<Slot>) -> bool {
    let victim = table
        .iter()
        .enumerate()
        .filter(|(_, s)| s.state != State::Streaming)
        .min_by_key(|(_, s)| (s.state, s.since))
        .map(|(at, _)| at);
    match victim {
        Some(at) => {
            let slot = table.remove(at);
            let _ = slot.stream.shutdown(Shutdown::Both);
            true
        }
        None => false,
    }
}
