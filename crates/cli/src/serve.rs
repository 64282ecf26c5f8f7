//! `shuzhuan serve`: a small static file server on 127.0.0.1 for the built app, with the
//! headers a strict deployment would send (CSP allowing only our own scripts and WebAssembly).

use std::convert::Infallible;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::HeaderValue;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioIo, TokioTimer};

mod gate;

include!(concat!(env!("OUT_DIR"), "/embedded_site.rs"));

/// Where the files come from: a folder (its canonical path), or the site built into this binary
/// (`--kiosk`).
#[derive(Clone)]
enum Base {
    Dir(PathBuf),
    Embedded,
}

/// The site served: its files, with some replaced (`--rules`: `rules.json` and the `sw.js` that
/// lists it). A replaced file's precompressed siblings are hidden, so the old body is never sent.
#[derive(Clone)]
pub struct Site {
    base: Base,
    overlay: Arc<Vec<(String, Bytes)>>,
}

impl Site {
    /// The folder `root`, by its canonical path (a file is served only when its own canonical
    /// path is inside it: a symbolic link out of the folder is not followed).
    pub fn dir(root: PathBuf) -> Site {
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        Site { base: Base::Dir(root), overlay: Arc::default() }
    }

    fn embedded() -> Site {
        Site { base: Base::Embedded, overlay: Arc::default() }
    }

    /// True when this binary carries a built site (see build.rs).
    pub fn embedded_available() -> bool {
        SITE.iter().any(|(p, _)| *p == "index.html")
    }

    /// `rel` inside the folder, canonical, when it exists and does not lead out of the folder.
    fn contained(root: &Path, rel: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(root.join(rel)).ok().filter(|p| p.starts_with(root))
    }

    /// The file at `rel` (a path relative to the root, already checked by [`resolve`]).
    fn read(&self, rel: &Path) -> Option<Bytes> {
        let key = rel.to_str()?.replace('\\', "/");
        if let Some((_, body)) = self.overlay.iter().find(|(p, _)| *p == key) {
            return Some(body.clone());
        }
        let plain = key.strip_suffix(".br").or_else(|| key.strip_suffix(".gz"));
        if plain.is_some_and(|p| self.overlay.iter().any(|(o, _)| o == p)) {
            return None;
        }
        match &self.base {
            Base::Dir(root) => {
                let path = Self::contained(root, rel).filter(|p| p.is_file())?;
                std::fs::read(path).ok().map(Bytes::from)
            }
            Base::Embedded => SITE.iter().find(|(p, _)| *p == key).map(|(_, b)| Bytes::from_static(b)),
        }
    }

    fn is_dir(&self, rel: &Path) -> bool {
        match &self.base {
            Base::Dir(root) => Self::contained(root, rel).is_some_and(|p| p.is_dir()),
            Base::Embedded => {
                let prefix = format!("{}/", rel.to_string_lossy().trim_end_matches('/'));
                !rel.as_os_str().is_empty() && SITE.iter().any(|(p, _)| p.starts_with(&prefix))
            }
        }
    }
}

fn walk(root: &Path, rel: &Path, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(root.join(rel))?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let rel = rel.join(e.file_name());
        if e.file_type()?.is_dir() {
            walk(root, &rel, out)?;
        } else {
            out.push((rel.to_string_lossy().replace('\\', "/"), std::fs::read(root.join(&rel))?));
        }
    }
    Ok(())
}

fn no_site(dir: &str) -> String {
    format!("{dir}/index.html 不存在，请先运行 scripts/build-app.sh / {dir}/index.html not found: run scripts/build-app.sh first")
}

/// Every file of a built site, as (path relative to its root, contents): the folder `from`, else
/// the site built into this binary, else `dist`.
pub fn site_files(from: Option<&str>) -> Result<Vec<(String, Vec<u8>)>, crate::Failure> {
    if from.is_none() && Site::embedded_available() {
        return Ok(SITE.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect());
    }
    let dir = from.unwrap_or("dist");
    if !Path::new(dir).join("index.html").is_file() {
        return Err(crate::Failure::new(format!("error: --dir: {}\n", no_site(dir))));
    }
    let mut out = Vec::new();
    walk(Path::new(dir), Path::new(""), &mut out).map_err(|e| crate::Failure::new(format!("error: --dir: {dir}: {e}\n")))?;
    Ok(out)
}

/// The Content-Security-Policy every response carries: no inline script, no eval, no
/// third-party origin; `'wasm-unsafe-eval'` only lets WebAssembly compile.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), \
magnetometer=(), gyroscope=(), accelerometer=()";

pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file path relative to the site's root, refusing anything that
/// climbs out of it; a folder gives its `index.html`.
pub fn resolve(site: &Site, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = shuzhuan_policy::text::percent_decode(path)?;
    let rel = PathBuf::from(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    if decoded.ends_with('/') || rel.as_os_str().is_empty() || site.is_dir(&rel) {
        return Some(rel.join("index.html"));
    }
    Some(rel)
}

/// Limits on each connection (see docs/reliability.md). The gate in front of hyper
/// (`serve/gate.rs`) reads each request's head whole first: a request line over [`MAX_LINE`]
/// bytes gets 414, a head over [`MAX_HEAD`] bytes 431, a malformed head 400, and a head begun but
/// not complete within [`HEAD_DEADLINE`] of the server waiting for it 408 (a kept-alive
/// connection that sends nothing in that time is closed). At most [`MAX_CONNECTIONS`]
/// connections are open at once (the next waits in the kernel's queue), each for at most
/// [`CONNECTION_LIFETIME`] and then [`FINISH`] to finish the response under way; all of them run
/// on [`WORKERS`] threads.
const MAX_LINE: usize = 8 * 1024;
const MAX_HEAD: usize = 16 * 1024;
const HEAD_DEADLINE: Duration = Duration::from_secs(5);
const MAX_CONNECTIONS: usize = 256;
const CONNECTION_LIFETIME: Duration = Duration::from_secs(60);
const FINISH: Duration = Duration::from_secs(10);
const WORKERS: usize = 2;

/// The time limits of one connection, and the gate's.
#[derive(Clone, Copy)]
struct Bounds {
    gate: gate::Limits,
    lifetime: Duration,
    finish: Duration,
}

const BOUNDS: Bounds = Bounds {
    gate: gate::Limits { line: MAX_LINE, head: MAX_HEAD, deadline: HEAD_DEADLINE },
    lifetime: CONNECTION_LIFETIME,
    finish: FINISH,
};

/// True when the `Accept-Encoding` value accepts `coding` with a q-value above 0 (RFC 9110
/// 12.5.3): named, or covered by `*` when not named.
fn accepts(header: &str, coding: &str) -> bool {
    let mut star = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .map(|v| v.trim().parse::<f32>().unwrap_or(0.0))
            .next_back()
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            return q > 0.0;
        }
        if name == "*" {
            star = Some(q > 0.0);
        }
    }
    star.unwrap_or(false)
}

/// The SHA-256 of `body` in lowercase hex.
fn sha256_hex(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(body).iter().map(|b| format!("{b:02x}")).collect()
}

/// A strong validator for `body`: the first 16 bytes of its SHA-256, quoted.
fn etag(body: &[u8]) -> String {
    format!("\"{}\"", &sha256_hex(body)[..32])
}

/// True when `file`'s name carries the start of the SHA-256 of its own content, as a part of 8 to
/// 64 lowercase hex digits between dots or hyphens (`app.3f2a9c1b0d4e5f67.wasm`,
/// `app-3f2a9c1b.js`): a name that changes whenever the content does, so its answer may be
/// cached for good. Checked against the file, not trusted from the name.
fn content_named(site: &Site, file: &Path) -> bool {
    let Some(name) = file.file_name().and_then(|n| n.to_str()) else { return false };
    let hex_part = |p: &&str| (8..=64).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let parts: Vec<&str> = name.split(['.', '-']).filter(hex_part).collect();
    if parts.is_empty() {
        return false;
    }
    let Some(body) = site.read(file) else { return false };
    let hash = sha256_hex(&body);
    parts.iter().any(|p| hash.starts_with(p))
}

/// What a file may be cached as: for good when its name says its content ([`content_named`]),
/// else revalidated on every use (its ETag makes that a 304).
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// True when an `If-None-Match` value names `tag` (weak comparison, RFC 9110 13.1.2) or is `*`.
fn none_match(header: &str, tag: &str) -> bool {
    header.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == tag)
}

/// Pages another site may frame: the widgets' iframe page (www/embed.html), which government
/// sites embed. Every other page says `frame-ancestors 'none'`.
fn frameable(path: &Path) -> bool {
    path == Path::new("embed.html")
}

type Reply = Response<Full<Bytes>>;

/// A response with the headers every answer carries.
fn reply(status: StatusCode, ctype: &str, body: Bytes, close: bool) -> Reply {
    let mut r = Response::new(Full::new(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    let mut set = |name: &'static str, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    };
    set("content-type", ctype);
    set("vary", "Accept-Encoding");
    set("content-security-policy", CSP);
    set("x-content-type-options", "nosniff");
    set("referrer-policy", "no-referrer");
    set("permissions-policy", PERMISSIONS);
    set("access-control-allow-origin", "*");
    set("cross-origin-opener-policy", "same-origin");
    set("cache-control", "no-cache");
    set("connection", if close { "close" } else { "keep-alive" });
    r
}

fn text(status: StatusCode, body: &'static str, close: bool) -> Reply {
    reply(status, "text/plain; charset=utf-8", Bytes::from_static(body.as_bytes()), close)
}

/// Answers one request. The connection stays open for the next request (HTTP/1.1's default)
/// unless the client asked to close it: that saves the browser a new TCP handshake per file,
/// which on a slow mobile network is a round trip on each step of the app's start.
fn answer<B>(site: &Site, req: &Request<B>) -> Reply {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
    let connection = header("connection").to_ascii_lowercase();
    let close = connection.contains("close") || (req.version() == Version::HTTP_10 && !connection.contains("keep-alive"));
    let head_only = req.method() == Method::HEAD;
    if req.method() != Method::GET && !head_only {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n", true);
        r.headers_mut().insert("allow", HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let target = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let not_found = || text(StatusCode::NOT_FOUND, "not found\n", close);
    // A folder named without its trailing slash: 301 to the name with it, so the page's relative
    // links resolve inside the folder.
    let path = req.uri().path();
    if !path.ends_with('/') {
        if let Some(rel) = shuzhuan_policy::text::percent_decode(path).map(|d| PathBuf::from(d.trim_start_matches('/'))) {
            if !rel.as_os_str().is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_))) && site.is_dir(&rel) {
                let query = req.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
                let location = format!("/{}/{query}", path.trim_start_matches('/'));
                let mut r = text(StatusCode::MOVED_PERMANENTLY, "moved\n", close);
                if let Ok(v) = HeaderValue::from_str(&location) {
                    r.headers_mut().insert("location", v);
                }
                return r;
            }
        }
    }
    let Some(file) = resolve(site, target) else { return not_found() };
    // A precompressed sibling (app_bg.wasm.br) is sent when the client accepts its encoding.
    let accept = header("accept-encoding");
    let mut found = None;
    for (enc, ext) in [("br", "br"), ("gzip", "gz")] {
        if accepts(accept, enc) {
            let mut sibling = file.clone().into_os_string();
            sibling.push(format!(".{ext}"));
            if let Some(body) = site.read(Path::new(&sibling)) {
                found = Some((Some(enc), body));
                break;
            }
        }
    }
    let Some((encoding, body)) = found.or_else(|| site.read(&file).map(|b| (None, b))) else { return not_found() };
    let tag = etag(&body);
    let mut r = if none_match(header("if-none-match"), &tag) {
        let mut r = reply(StatusCode::NOT_MODIFIED, mime(&file), Bytes::new(), close);
        r.headers_mut().remove("content-type");
        r
    } else {
        reply(StatusCode::OK, mime(&file), body, close)
    };
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&tag) {
        h.insert("etag", v);
    }
    if let Some(enc) = encoding {
        h.insert("content-encoding", HeaderValue::from_static(enc));
    }
    if content_named(site, &file) {
        h.insert("cache-control", HeaderValue::from_static(IMMUTABLE));
    }
    if mime(&file).starts_with("text/html") && !frameable(&file) {
        if let Ok(v) = HeaderValue::from_str(&format!("{CSP}; frame-ancestors 'none'")) {
            h.insert("content-security-policy", v);
        }
    }
    r
}

/// The whole response to a head the gate refused (status 400, 408, 411, 414 or 431): the headers
/// every answer carries, a line naming the refusal, and `Connection: close`.
fn refusal(status: StatusCode) -> Vec<u8> {
    let body = match status {
        StatusCode::URI_TOO_LONG => "request line too long\n",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => "request head too large\n",
        StatusCode::REQUEST_TIMEOUT => "request head not received in time\n",
        StatusCode::LENGTH_REQUIRED => "a request body must come with its Content-Length\n",
        _ => "malformed request\n",
    };
    let r = text(status, body, true);
    let mut out = format!("HTTP/1.1 {} {}\r\n", status.as_u16(), status.canonical_reason().unwrap_or("")).into_bytes();
    for (name, value) in r.headers() {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("content-length: {}\r\n\r\n{body}", body.len()).as_bytes());
    out
}

/// Serves one connection: the gate reads each request's head within `bounds.gate`, then hyper
/// parses it and [`answer`] answers; the connection is closed gracefully (the response under way
/// finished) after `bounds.lifetime`, and cut `bounds.finish` later if a client does not read its
/// response.
async fn connection(stream: tokio::net::TcpStream, site: Arc<Site>, bounds: Bounds) {
    let service = service_fn(move |req| {
        let site = site.clone();
        async move { Ok::<_, Infallible>(answer(&site, &req)) }
    });
    // hyper's own limits stay as a backstop behind the gate's, which answer first.
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(bounds.gate.deadline + Duration::from_secs(1))
        .max_buf_size(2 * bounds.gate.head.max(8192))
        .max_header_size(2 * bounds.gate.head)
        // Reads ending (the gate refused the next head, or the client shut its sending side)
        // still lets hyper finish the responses under way.
        .half_close(true)
        .title_case_headers(true);
    let io = gate::Gate::new(stream, bounds.gate, refusal);
    let conn = builder.serve_connection(TokioIo::new(io), service);
    let mut conn = std::pin::pin!(conn);
    if tokio::time::timeout(bounds.lifetime, conn.as_mut()).await.is_ok() {
        return;
    }
    conn.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(bounds.finish, conn).await;
}

/// Serves `dir` — or, with `kiosk`, the site built into this binary — on 127.0.0.1:`port` until
/// killed, with `rules` (a directory of rule files or a pack) as its `rules.json` when given.
/// Port 0 picks a free port.
pub fn serve(dir: &str, port: u16, kiosk: bool, rules: Option<&str>) -> Result<(), crate::Failure> {
    let fail = |text: String| crate::Failure::new(format!("error: {text}\n"));
    let mut site = if kiosk {
        if !Site::embedded_available() {
            return Err(fail(
                "这个 shuzhuan 程序没有内置应用，请用 scripts/build-kiosk.sh 构建 / this shuzhuan binary carries no built app: \
build it with scripts/build-kiosk.sh"
                    .into(),
            ));
        }
        Site::embedded()
    } else {
        if !Path::new(dir).join("index.html").is_file() {
            return Err(fail(no_site(dir)));
        }
        Site::dir(PathBuf::from(dir))
    };
    if let Some(rules) = rules {
        let pack = crate::site::pack_for(rules)?;
        let sw = site.read(Path::new("sw.js"));
        let files = crate::site::overlay(pack, sw.as_deref())?;
        site.overlay = Arc::new(files.into_iter().map(|(p, b)| (p, Bytes::from(b))).collect());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .max_blocking_threads(WORKERS)
        .enable_all()
        .build()
        .map_err(|e| fail(format!("cannot start the server: {e}")))?;
    let site = Arc::new(site);
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| fail(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        let addr = listener.local_addr().map_err(|e| fail(e.to_string()))?;
        // One line, written without panicking: whoever started the server may have stopped
        // reading (a closed pipe must not end the server).
        let with_rules = rules.map(|r| format!(" (rules.json: {r})")).unwrap_or_default();
        let line = if kiosk {
            format!("serving the built-in app on http://{addr}/ — kiosk: http://{addr}/?kiosk{with_rules}")
        } else {
            format!("serving {dir} on http://{addr}/{with_rules}")
        };
        let _ = writeln!(std::io::stdout(), "{line}");
        let _ = std::io::stdout().flush();
        let open = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        loop {
            let Ok(permit) = open.clone().acquire_owned().await else { return Ok(()) };
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors, say: wait a little rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            };
            let site = site.clone();
            tokio::spawn(async move {
                connection(stream, site, BOUNDS).await;
                drop(permit);
            });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn paths_stay_inside_the_root() {
        let site = Site::dir(PathBuf::from("/srv/app"));
        assert_eq!(resolve(&site, "/app_bg.wasm?v=1"), Some(PathBuf::from("app_bg.wasm")));
        assert_eq!(resolve(&site, "/?kiosk"), Some(PathBuf::from("index.html")));
        assert_eq!(resolve(&site, "/../etc/passwd"), None);
        assert_eq!(resolve(&site, "/%2e%2e/etc/passwd"), None);
        assert_eq!(mime(Path::new("a.wasm")), "application/wasm");
        // WebAssembly may compile; eval may not.
        assert!(CSP.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(!CSP.contains(" 'unsafe-eval'"));
        assert!(!CSP.contains("unsafe-inline"));
    }

    /// Runs [`connection`] with short limits on a loopback port, over a folder holding
    /// `index.html` and a 32 MB `big.bin` (more than loopback's socket buffers hold).
    fn short_server(bounds: Bounds) -> (tokio::runtime::Runtime, String, PathBuf) {
        let dir = std::env::temp_dir().join(format!("shuzhuan-serve-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), b"<!doctype html>").unwrap();
        std::fs::write(dir.join("big.bin"), vec![7u8; 32 << 20]).unwrap();
        let site = Arc::new(Site::dir(dir.clone()));
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        rt.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(connection(stream, site.clone(), bounds));
            }
        });
        (rt, addr, dir)
    }

    /// Reads one response's head and its `Content-Length` body from `s`.
    fn response(s: &mut std::net::TcpStream) -> Option<String> {
        use std::io::Read;
        let mut data = Vec::new();
        let mut byte = [0u8; 1];
        while !data.ends_with(b"\r\n\r\n") {
            match s.read(&mut byte) {
                Ok(1) => data.push(byte[0]),
                _ => return None,
            }
        }
        let head = String::from_utf8_lossy(&data).to_string();
        let length = head
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap()))
            .unwrap_or(0);
        let mut body = vec![0; length];
        s.read_exact(&mut body).ok()?;
        Some(head)
    }

    #[test]
    fn connections_end_on_time_and_a_late_head_gets_408_with_the_headers() {
        use std::io::{Read, Write};
        use std::time::Instant;
        let bounds = Bounds {
            gate: gate::Limits { line: 1024, head: 4096, deadline: Duration::from_millis(400) },
            lifetime: Duration::from_millis(1500),
            finish: Duration::from_millis(500),
        };
        let (_rt, addr, dir) = short_server(bounds);
        let connect = || {
            let s = std::net::TcpStream::connect(&addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            s
        };

        // A head begun and not finished in time: 408, with the headers every answer carries.
        let mut s = connect();
        s.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
        let head = response(&mut s).expect("an answer to the late head");
        assert!(head.starts_with("HTTP/1.1 408"), "{head}");
        assert!(head.contains("content-security-policy: default-src 'self'"), "{head}");
        assert!(head.contains("connection: close"), "{head}");
        assert_eq!(s.read(&mut [0; 16]).unwrap_or(0), 0, "closed after the 408");

        // A kept-alive connection that sends nothing: closed without an answer.
        let mut s = connect();
        let start = Instant::now();
        assert_eq!(s.read(&mut [0; 16]).unwrap_or(0), 0);
        assert!(start.elapsed() >= Duration::from_millis(300), "closed after {:?}", start.elapsed());

        // A busy kept-alive connection: answered until its lifetime, then closed.
        let mut s = connect();
        let start = Instant::now();
        let mut answered = 0;
        while start.elapsed() < Duration::from_secs(4) {
            if s.write_all(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n").is_err() {
                break;
            }
            match response(&mut s) {
                Some(head) if head.starts_with("HTTP/1.1 200") => answered += 1,
                _ => break,
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let ended = start.elapsed();
        assert!(answered >= 5, "{answered} answers");
        assert!(ended >= Duration::from_millis(1400) && ended < Duration::from_millis(3000), "closed after {ended:?}");

        // A client that does not read a long response: cut once the lifetime and the time to
        // finish have passed.
        let mut s = connect();
        s.write_all(b"GET /big.bin HTTP/1.1\r\nHost: a\r\n\r\n").unwrap();
        std::thread::sleep(Duration::from_millis(2500));
        let mut got = 0usize;
        let mut chunk = vec![0; 1 << 16];
        while let Ok(n @ 1..) = s.read(&mut chunk) {
            got += n;
        }
        assert!(got < 32 << 20, "the whole body arrived ({got} bytes): the connection was not cut");
        let _ = std::fs::remove_dir_all(dir);
    }
}
