//! `shuzhuan serve`: a small static file server on 127.0.0.1 for the built app, with the
//! headers a strict deployment would send (CSP allowing only our own scripts and WebAssembly).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

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

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request path to a file under `root`, refusing anything that climbs out of it.
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut full = root.join(rel);
    if decoded.ends_with('/') || full.is_dir() {
        full = full.join("index.html");
    }
    Some(full)
}

fn respond(stream: &mut TcpStream, status: &str, ctype: &str, encoding: Option<&str>, body: &[u8], head_only: bool) {
    let enc = encoding.map(|e| format!("Content-Encoding: {e}\r\n")).unwrap_or_default();
    let headers = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{enc}Vary: Accept-Encoding\r\nContent-Length: {}\r\nContent-Security-Policy: {CSP}\r\n\
X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nPermissions-Policy: {PERMISSIONS}\r\n\
Cross-Origin-Opener-Policy: same-origin\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(headers.as_bytes());
    if !head_only {
        let _ = stream.write_all(body);
    }
}

fn handle(mut stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.len() > 8192 {
        return;
    }
    // Read the rest of the head, noting which encodings the client accepts.
    let mut h = String::new();
    let mut accepts = String::new();
    while reader.read_line(&mut h).map(|n| n > 2).unwrap_or(false) {
        if h.to_ascii_lowercase().starts_with("accept-encoding:") {
            accepts = h.to_ascii_lowercase();
        }
        h.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        respond(&mut stream, "405 Method Not Allowed", "text/plain; charset=utf-8", None, b"method not allowed\n", false);
        return;
    }
    let Some(path) = resolve(root, target) else {
        respond(&mut stream, "404 Not Found", "text/plain; charset=utf-8", None, b"not found\n", head_only);
        return;
    };
    // A precompressed sibling (app_bg.wasm.br) is sent when the client accepts its encoding.
    for (enc, ext) in [("br", "br"), ("gzip", "gz")] {
        if accepts.contains(enc) {
            let mut sibling = path.clone().into_os_string();
            sibling.push(format!(".{ext}"));
            if let Ok(body) = std::fs::read(&sibling) {
                respond(&mut stream, "200 OK", mime(&path), Some(enc), &body, head_only);
                return;
            }
        }
    }
    match std::fs::read(&path) {
        Ok(body) => respond(&mut stream, "200 OK", mime(&path), None, &body, head_only),
        Err(_) => respond(&mut stream, "404 Not Found", "text/plain; charset=utf-8", None, b"not found\n", head_only),
    }
}

/// Serves `dir` on 127.0.0.1:`port` until killed. Port 0 picks a free port.
pub fn serve(dir: &str, port: u16) -> Result<(), String> {
    let root = PathBuf::from(dir);
    if !root.join("index.html").is_file() {
        return Err(format!(
            "{dir}/index.html 不存在，请先运行 scripts/build-app.sh / {dir}/index.html not found: run scripts/build-app.sh first"
        ));
    }
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("serving {dir} on http://{addr}/");
    let _ = std::io::stdout().flush();
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || handle(stream, &root));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn paths_stay_inside_the_root() {
        let root = Path::new("/srv/app");
        assert_eq!(resolve(root, "/app_bg.wasm?v=1"), Some(PathBuf::from("/srv/app/app_bg.wasm")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(mime(Path::new("a.wasm")), "application/wasm");
        // WebAssembly may compile; eval may not.
        assert!(CSP.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(!CSP.contains(" 'unsafe-eval'"));
        assert!(!CSP.contains("unsafe-inline"));
    }
}
