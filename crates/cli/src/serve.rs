//! `shuzhuan serve`: a small static file server on 127.0.0.1 for the built app, with the
//! headers a strict deployment would send (CSP allowing only our own scripts and WebAssembly).

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

include!(concat!(env!("OUT_DIR"), "/embedded_site.rs"));

/// Where the files come from: a folder, or the site built into this binary (`--kiosk`).
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
    overlay: Arc<Vec<(String, Vec<u8>)>>,
}

impl Site {
    pub fn dir(root: PathBuf) -> Site {
        Site { base: Base::Dir(root), overlay: Arc::default() }
    }

    fn embedded() -> Site {
        Site { base: Base::Embedded, overlay: Arc::default() }
    }

    /// True when this binary carries a built site (see build.rs).
    pub fn embedded_available() -> bool {
        SITE.iter().any(|(p, _)| *p == "index.html")
    }

    /// The file at `rel` (a path relative to the root, already checked by [`resolve`]).
    fn read(&self, rel: &Path) -> Option<Cow<'_, [u8]>> {
        let key = rel.to_str()?.replace('\\', "/");
        if let Some((_, body)) = self.overlay.iter().find(|(p, _)| *p == key) {
            return Some(Cow::Borrowed(body));
        }
        let plain = key.strip_suffix(".br").or_else(|| key.strip_suffix(".gz"));
        if plain.is_some_and(|p| self.overlay.iter().any(|(o, _)| o == p)) {
            return None;
        }
        match &self.base {
            Base::Dir(root) => std::fs::read(root.join(rel)).ok().map(Cow::Owned),
            Base::Embedded => SITE.iter().find(|(p, _)| *p == key).map(|(_, b)| Cow::Borrowed(*b)),
        }
    }

    fn is_dir(&self, rel: &Path) -> bool {
        match &self.base {
            Base::Dir(root) => root.join(rel).is_dir(),
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

/// How a response ends the exchange: the connection stays open for the next request (HTTP/1.1's
/// default) unless the client asked to close it or the request cannot be followed by another.
#[derive(Clone, Copy, PartialEq)]
enum Then {
    KeepAlive,
    Close,
}

fn respond(stream: &mut TcpStream, status: &str, ctype: &str, encoding: Option<&str>, body: &[u8], head_only: bool, then: Then) {
    let enc = encoding.map(|e| format!("Content-Encoding: {e}\r\n")).unwrap_or_default();
    let headers = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{enc}Vary: Accept-Encoding\r\nContent-Length: {}\r\nContent-Security-Policy: {CSP}\r\n\
X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nPermissions-Policy: {PERMISSIONS}\r\n\
Access-Control-Allow-Origin: *\r\n\
Cross-Origin-Opener-Policy: same-origin\r\nCache-Control: no-cache\r\nConnection: {}\r\n\r\n",
        body.len(),
        if then == Then::KeepAlive { "keep-alive" } else { "close" }
    );
    let _ = stream.write_all(headers.as_bytes());
    if !head_only {
        let _ = stream.write_all(body);
    }
}

/// How long an open connection may wait for its next request before it is closed.
const IDLE: Duration = Duration::from_secs(5);

/// Answers the requests of one connection, one after another, until the client closes it, asks
/// to, or stays idle for [`IDLE`]. Keeping it open saves the browser a new TCP handshake per file:
/// on a slow mobile network that is a round trip on each step of the app's start (page, then
/// `boot.js`, then the module).
fn handle(stream: TcpStream, site: &Site) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let Ok(mut writer) = stream.try_clone() else { return };
    let mut reader = BufReader::new(stream);
    while answer(&mut reader, &mut writer, site) == Then::KeepAlive {}
}

/// Reads one request's head and answers it.
fn answer(reader: &mut BufReader<TcpStream>, stream: &mut TcpStream, site: &Site) -> Then {
    let mut line = String::new();
    match reader.read_line(&mut line) {
        Ok(n) if n > 0 && line.len() <= 8192 => {}
        _ => return Then::Close,
    }
    // Read the rest of the head, noting which encodings the client accepts and whether it
    // wants the connection closed.
    let mut h = String::new();
    let mut accepts = String::new();
    let mut then = if line.trim_end().ends_with("HTTP/1.0") { Then::Close } else { Then::KeepAlive };
    let mut head = line.len();
    while reader.read_line(&mut h).map(|n| n > 2).unwrap_or(false) {
        head += h.len();
        if head > 65536 {
            return Then::Close;
        }
        let lower = h.to_ascii_lowercase();
        if lower.starts_with("accept-encoding:") {
            accepts = lower;
        } else if lower.starts_with("connection:") {
            then = if lower.contains("close") {
                Then::Close
            } else if lower.contains("keep-alive") {
                Then::KeepAlive
            } else {
                then
            };
        } else if lower.starts_with("content-length:") || lower.starts_with("transfer-encoding:") {
            // A request with a body: it is refused below, and its body is not read, so the
            // connection cannot carry another request.
            then = Then::Close;
        }
        h.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        respond(stream, "405 Method Not Allowed", "text/plain; charset=utf-8", None, b"method not allowed\n", false, Then::Close);
        return Then::Close;
    }
    let Some(path) = resolve(site, target) else {
        respond(stream, "404 Not Found", "text/plain; charset=utf-8", None, b"not found\n", head_only, then);
        return then;
    };
    // A precompressed sibling (app_bg.wasm.br) is sent when the client accepts its encoding.
    for (enc, ext) in [("br", "br"), ("gzip", "gz")] {
        if accepts.contains(enc) {
            let mut sibling = path.clone().into_os_string();
            sibling.push(format!(".{ext}"));
            if let Some(body) = site.read(Path::new(&sibling)) {
                respond(stream, "200 OK", mime(&path), Some(enc), &body, head_only, then);
                return then;
            }
        }
    }
    match site.read(&path) {
        Some(body) => respond(stream, "200 OK", mime(&path), None, &body, head_only, then),
        None => respond(stream, "404 Not Found", "text/plain; charset=utf-8", None, b"not found\n", head_only, then),
    }
    then
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
        let sw = site.read(Path::new("sw.js")).map(|b| b.into_owned());
        site.overlay = Arc::new(crate::site::overlay(pack, sw.as_deref())?);
    }
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| fail(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    let addr = listener.local_addr().map_err(|e| fail(e.to_string()))?;
    // One line, written without panicking: whoever started the server may have stopped reading
    // (a closed pipe must not end the server).
    let with_rules = rules.map(|r| format!(" (rules.json: {r})")).unwrap_or_default();
    let line = if kiosk {
        format!("serving the built-in app on http://{addr}/ — kiosk: http://{addr}/?kiosk{with_rules}")
    } else {
        format!("serving {dir} on http://{addr}/{with_rules}")
    };
    let _ = writeln!(std::io::stdout(), "{line}");
    let _ = std::io::stdout().flush();
    for stream in listener.incoming().flatten() {
        let site = site.clone();
        std::thread::spawn(move || handle(stream, &site));
    }
    Ok(())
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
}
