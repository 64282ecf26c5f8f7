//! `shuzhuan serve` over raw TCP on 127.0.0.1 (port 0): validators, encodings, folders, the
//! folder's bounds, head limits, slow clients and a bounded load. Each test starts its own server
//! and stops it when done.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `shuzhuan serve`, killed when dropped, with its folder removed.
struct Server {
    child: Child,
    addr: String,
    /// The line it printed when it started.
    line: String,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Serves a new folder holding `files` (path, contents).
fn serve(name: &str, files: &[(&str, &[u8])]) -> Server {
    let dir = std::env::temp_dir().join(format!("shuzhuan-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let site = dir.join("site");
    for (path, body) in files {
        let p = site.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_shuzhuan"))
        .args(["serve", "--port", "0", "--dir", site.to_str().unwrap()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.trim().rsplit("http://").next().unwrap().trim_end_matches('/').to_string();
    Server { child, addr, line, dir }
}

/// Sends `request` as is and reads the whole answer (the request should say `Connection: close`);
/// an empty string when the server closed or reset the connection without answering.
fn raw(addr: &str, request: &[u8]) -> (String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let _ = s.write_all(request);
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    let split = resp.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4).unwrap_or(resp.len());
    let body = resp.split_off(split);
    (String::from_utf8_lossy(&resp).into_owned(), body)
}

fn get(addr: &str, path: &str, headers: &str) -> (String, Vec<u8>) {
    raw(addr, format!("GET {path} HTTP/1.1\r\nHost: x\r\n{headers}Connection: close\r\n\r\n").as_bytes())
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| l.split_once(": ").filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v))
}

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

#[test]
fn serve_sends_wasm_with_its_type_and_a_strict_csp() {
    let server = serve("wasm", &[("index.html", b"<!doctype html><title>t</title>"), ("app_bg.wasm", b"\0asm\x01\0\0\0")]);
    let (addr, line) = (server.addr.clone(), server.line.clone());
    let get = |path: &str| {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut resp = String::new();
        s.read_to_string(&mut resp).ok();
        resp
    };
    let wasm = get("/app_bg.wasm");
    let index = get("/");
    let escape = get("/../../etc/passwd");
    // Without `Connection: close` the connection stays open for the next request (HTTP/1.1's
    // default): three requests, one connection, each answer exactly its Content-Length long.
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
    let mut reader = BufReader::new(s.try_clone().unwrap());
    let mut kept = Vec::new();
    for path in ["/app_bg.wasm", "/nope", "/"] {
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let (mut head, mut line, mut length) = (String::new(), String::new(), 0);
        while reader.read_line(&mut line).unwrap() > 2 {
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.trim().parse().unwrap();
            }
            head.push_str(&line);
            line.clear();
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        kept.push((head, body));
    }
    // After the last request, a `Connection: close` is answered and the connection ends.
    write!(s, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut last = String::new();
    reader.read_to_string(&mut last).unwrap();
    drop(server);
    assert!(addr.starts_with("127.0.0.1:"), "{line}");
    assert!(wasm.starts_with("HTTP/1.1 200") && wasm.contains("Content-Type: application/wasm"), "{wasm}");
    assert!(index.contains("Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), "{index}");
    assert!(!index.contains("unsafe-inline") && !index.contains(" 'unsafe-eval'"));
    assert!(index.contains("Referrer-Policy: no-referrer") && index.contains("X-Content-Type-Options: nosniff"));
    assert!(escape.starts_with("HTTP/1.1 404"), "{escape}");
    assert!(wasm.contains("Connection: close") && index.contains("Connection: close"));
    let statuses: Vec<&str> = kept.iter().map(|(h, _)| h.lines().next().unwrap()).collect();
    assert_eq!(statuses, ["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK"]);
    assert!(kept.iter().all(|(h, _)| h.contains("Connection: keep-alive")), "{kept:?}");
    assert_eq!((kept[0].1.as_slice(), kept[1].1.as_slice()), (&b"\0asm\x01\0\0\0"[..], &b"not found\n"[..]));
    assert!(kept[2].1.starts_with(b"<!doctype html>"));
    assert!(last.starts_with("HTTP/1.1 200") && last.contains("Connection: close") && last.ends_with("<title>t</title>"), "{last}");
}

#[test]
fn serve_sends_validators_encodings_by_q_value_and_redirects_folders() {
    let server = serve(
        "validators",
        &[
            ("index.html", b"<!doctype html><title>t</title>"),
            ("embed.html", b"<!doctype html><title>widget</title>"),
            ("app.js", b"plain"),
            ("app.js.br", b"BR"),
            ("app.js.gz", b"GZ"),
            ("sub/index.html", b"<!doctype html><title>sub</title>"),
            // SHA-256("hashed") starts 1a06df82…: a name carrying it, and one carrying another.
            ("app.1a06df82.js", b"hashed"),
            ("app.1a06df82.js.br", b"BRHASHED"),
            ("app-0123456789abcdef.js", b"hashed"),
        ],
    );
    let a = &server.addr;
    // Accept-Encoding by q-value: a coding with q=0 is refused, `*` covers the ones not named.
    let enc = |accept: &str| {
        let (head, body) = get(a, "/app.js", &format!("Accept-Encoding: {accept}\r\n"));
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert_eq!(header(&head, "Vary"), Some("Accept-Encoding"), "{head}");
        (header(&head, "Content-Encoding").map(str::to_string), String::from_utf8(body).unwrap())
    };
    assert_eq!(enc("gzip, br"), (Some("br".into()), "BR".into()));
    assert_eq!(enc("br;q=0, gzip"), (Some("gzip".into()), "GZ".into()));
    assert_eq!(enc("br; q=0.0, gzip;q=0.5"), (Some("gzip".into()), "GZ".into()));
    assert_eq!(enc("gzip;q=0, br;q=0"), (None, "plain".into()));
    assert_eq!(enc("identity"), (None, "plain".into()));
    assert_eq!(enc("*"), (Some("br".into()), "BR".into()));
    assert_eq!(enc("br;q=0, *;q=0.1"), (Some("gzip".into()), "GZ".into()));
    assert_eq!(enc("xbr, gzipped"), (None, "plain".into()));

    // ETag, and 304 without a body when the client has it; a file whose name carries no hash of
    // its content is revalidated on every use.
    let (head, body) = get(a, "/app.js", "");
    let tag = header(&head, "ETag").expect("an ETag").to_string();
    assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() > 10, "{tag}");
    assert_eq!(header(&head, "Cache-Control"), Some("no-cache"));
    assert_eq!(body, b"plain");
    let (head, body) = get(a, "/app.js", &format!("If-None-Match: \"other\", {tag}\r\n"));
    assert!(head.starts_with("HTTP/1.1 304"), "{head}");
    assert!(body.is_empty(), "{body:?}");
    assert_eq!(header(&head, "ETag"), Some(tag.as_str()));
    assert_eq!(header(&head, "Cache-Control"), Some("no-cache"));
    let (head, _) = get(a, "/app.js", &format!("If-None-Match: W/{tag}\r\n"));
    assert!(head.starts_with("HTTP/1.1 304"), "a weak match is a match for GET: {head}");
    let (head, body) = get(a, "/app.js", "If-None-Match: \"other\"\r\n");
    assert!(head.starts_with("HTTP/1.1 200") && body == b"plain", "{head}");
    // The compressed body has its own tag.
    let (head, _) = get(a, "/app.js", "Accept-Encoding: br\r\n");
    assert_ne!(header(&head, "ETag"), Some(tag.as_str()));
    let (head, _) = get(a, "/index.html", "");
    assert_eq!(header(&head, "Cache-Control"), Some("no-cache"));
    // A name that carries the start of its content's SHA-256 is cached for good, in every
    // encoding and on a 304; a name with hex digits that are not its hash is revalidated.
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(b"hashed").iter().map(|b| format!("{b:02x}")).collect();
    assert!(hash.starts_with("1a06df82"), "{hash}");
    for accept in ["", "Accept-Encoding: br\r\n"] {
        let (head, body) = get(a, "/app.1a06df82.js", accept);
        assert_eq!(header(&head, "Cache-Control"), Some("public, max-age=31536000, immutable"), "{head}");
        assert_eq!(body, if accept.is_empty() { &b"hashed"[..] } else { &b"BRHASHED"[..] });
        let tag = header(&head, "ETag").unwrap().to_string();
        let (head, _) = get(a, "/app.1a06df82.js", &format!("{accept}If-None-Match: {tag}\r\n"));
        assert!(head.starts_with("HTTP/1.1 304"), "{head}");
        assert_eq!(header(&head, "Cache-Control"), Some("public, max-age=31536000, immutable"), "{head}");
    }
    let (head, _) = get(a, "/app-0123456789abcdef.js", "");
    assert_eq!(header(&head, "Cache-Control"), Some("no-cache"), "{head}");

    // A folder without its slash: 301 to it, the query kept.
    let (head, _) = get(a, "/sub", "");
    assert!(head.starts_with("HTTP/1.1 301"), "{head}");
    assert_eq!(header(&head, "Location"), Some("/sub/"));
    let (head, _) = get(a, "/sub?kiosk", "");
    assert_eq!(header(&head, "Location"), Some("/sub/?kiosk"), "{head}");
    let (head, _) = get(a, "//sub", "");
    assert_eq!(header(&head, "Location"), Some("/sub/"), "never a protocol-relative address: {head}");
    let (head, body) = get(a, "/sub/", "");
    assert!(head.starts_with("HTTP/1.1 200") && body.ends_with(b"<title>sub</title>"), "{head}");

    // The security headers, byte for byte; pages may not be framed, except the widgets' iframe page.
    let (head, _) = get(a, "/", "");
    assert_eq!(header(&head, "Content-Security-Policy"), Some(format!("{CSP}; frame-ancestors 'none'").as_str()));
    assert_eq!(header(&head, "X-Content-Type-Options"), Some("nosniff"));
    assert_eq!(header(&head, "Referrer-Policy"), Some("no-referrer"));
    assert_eq!(header(&head, "Cross-Origin-Opener-Policy"), Some("same-origin"));
    let (head, _) = get(a, "/embed.html", "");
    assert_eq!(header(&head, "Content-Security-Policy"), Some(CSP), "{head}");
    let (head, _) = get(a, "/app.js", "");
    assert_eq!(header(&head, "Content-Security-Policy"), Some(CSP), "{head}");
    // HEAD: the headers of GET, no body.
    let (head, body) = raw(a, b"HEAD /app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 200") && header(&head, "Content-Length") == Some("5") && body.is_empty(), "{head}");
    let (head, _) = raw(a, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab");
    assert!(head.starts_with("HTTP/1.1 405"), "{head}");
}

#[test]
fn serve_never_answers_from_outside_its_folder() {
    let server = serve("contained", &[("index.html", b"<!doctype html>"), ("a/b.txt", b"inside")]);
    std::fs::write(server.dir.join("secret.txt"), "outside").unwrap();
    #[cfg(unix)]
    {
        let site = server.dir.join("site");
        std::os::unix::fs::symlink(server.dir.join("secret.txt"), site.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(&server.dir, site.join("up")).unwrap();
        std::os::unix::fs::symlink(site.join("a/b.txt"), site.join("inner.txt")).unwrap();
    }
    let a = &server.addr;
    for path in [
        "/../secret.txt",
        "/a/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/a/%2e%2e/%2e%2e/secret.txt",
        "/link.txt",
        "/up/secret.txt",
        "/up/",
        "/up",
    ] {
        let (head, body) = get(a, path, "");
        assert!(head.starts_with("HTTP/1.1 404") || head.starts_with("HTTP/1.1 400"), "{path}: {head}");
        assert!(!String::from_utf8_lossy(&body).contains("outside"), "{path}");
    }
    let (head, body) = get(a, "/a/b.txt", "");
    assert!(head.starts_with("HTTP/1.1 200") && body == b"inside", "{head}");
    #[cfg(unix)]
    {
        // A link that stays inside the folder is followed.
        let (head, body) = get(a, "/inner.txt", "");
        assert!(head.starts_with("HTTP/1.1 200") && body == b"inside", "{head}");
    }
}

/// The server's resident memory in kB (Linux), to see that an oversized request did not grow it.
fn rss_kb(server: &Server) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[test]
fn serve_bounds_the_request_head() {
    let server = serve("heads", &[("index.html", b"<!doctype html>")]);
    let a = &server.addr;
    let before = rss_kb(&server);
    // The gate answers every refused head itself, with the headers every answer carries.
    let refused = |head: &str, status: &str| {
        assert!(head.starts_with(&format!("HTTP/1.1 {status}")), "{head}");
        assert!(header(head, "content-security-policy").is_some_and(|v| v.starts_with("default-src 'self'")), "{head}");
        assert_eq!(header(head, "x-content-type-options"), Some("nosniff"), "{head}");
        assert_eq!(header(head, "connection"), Some("close"), "{head}");
    };
    // A request line over 8 KB: 414, whether the line is 10 KB or longer than the whole head
    // may be (20 KB).
    for n in [10_000, 20_000] {
        let (head, _) = get(a, &format!("/{}", "a".repeat(n)), "");
        refused(&head, "414");
    }
    // A head over 16 KB: 431.
    let big = format!("X-Big: {}\r\n", "b".repeat(20_000));
    let (head, _) = get(a, "/", &big);
    refused(&head, "431");
    // More than 100 fields: 431; a malformed head: 400.
    let (head, _) = get(a, "/", &"X-A: 1\r\n".repeat(101));
    refused(&head, "431");
    for bad in [&b"GET / HTTP/9.9\r\n\r\n"[..], b"GET / HTTP/1.1\r\nBad Name: 1\r\n\r\n", b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"] {
        let (head, body) = raw(a, bad);
        refused(&head, "400");
        assert_eq!(body, b"malformed request\n");
    }
    // A body in chunks: 411 (the gate delimits requests by Content-Length; GET and HEAD need none).
    let (head, _) = raw(a, b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n");
    refused(&head, "411");
    // A good request pipelined before a bad one is answered first, then the bad one refused.
    let (head, rest) = raw(a, b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/9.9\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let rest = String::from_utf8_lossy(&rest);
    assert!(rest.starts_with("<!doctype html>HTTP/1.1 400"), "{rest}");
    // A client that shuts its sending side after the request still gets the answer.
    let mut s = TcpStream::connect(a).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    assert!(resp.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&resp));
    // A 50 MB request line, sent while the server may already have closed: it reads 16 KB of
    // it, answers 414 and discards at most 1 MB more before closing.
    let mut s = TcpStream::connect(a).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let _ = s.write_all(b"GET /");
    let mut sent = 0;
    while sent < 50 && s.write_all(&chunk).is_ok() {
        sent += 1;
    }
    assert!(sent < 50, "the server kept reading a 50 MB request line");
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    assert!(resp.is_empty() || resp.starts_with(b"HTTP/1.1 414"), "{}", String::from_utf8_lossy(&resp));
    // Still up, and it did not grow by the size of what was sent.
    let (head, _) = get(a, "/", "");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    if let (Some(before), Some(after)) = (before, rss_kb(&server)) {
        assert!(after < before + 8 * 1024, "resident memory grew from {before} kB to {after} kB");
    }
}

/// True when the server has closed `s` (or answered on it, which here is a 408 before closing).
fn closed(s: &mut TcpStream) -> bool {
    let mut buf = [0; 256];
    match s.read(&mut buf) {
        // Closed, or an answer (a 408) before closing.
        Ok(0) | Ok(_) => true,
        Err(e) => !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
    }
}

#[test]
fn serve_drops_slow_clients_and_answers_others_meanwhile() {
    let server = serve("slow", &[("index.html", b"<!doctype html>")]);
    let a = server.addr.clone();
    let start = Instant::now();
    // Eight clients each send one byte of a head that never ends, a byte a second.
    let slow: Vec<_> = (0..8)
        .map(|_| {
            let a = a.clone();
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(&a).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
                let head = b"GET / HTTP/1.1\r\nHost: x\r\n";
                let start = Instant::now();
                for &byte in head.iter().chain(b"X-Slow: y\r\n".iter().cycle()) {
                    if s.write_all(&[byte]).is_err() || closed(&mut s) {
                        return Some(start.elapsed());
                    }
                    if start.elapsed() > Duration::from_secs(30) {
                        return None;
                    }
                }
                None
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    // Meanwhile the others are answered at once.
    for _ in 0..5 {
        let t = Instant::now();
        let (head, _) = get(&a, "/", "");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
    }
    for t in slow {
        let held = t.join().unwrap().expect("a slow client was held 30 s");
        // The head's deadline is 5 s; a second for the closing to be seen.
        assert!(held < Duration::from_secs(9), "held {held:?}");
    }
    assert!(start.elapsed() < Duration::from_secs(15));
}

#[test]
fn serve_bounded_load_on_loopback() {
    let body = vec![b'x'; 64 * 1024];
    let server = serve("load", &[("index.html", b"<!doctype html>"), ("big.bin", &body)]);
    let start = Instant::now();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let ok = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..16 {
            scope.spawn(|| {
                while done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < 200 {
                    let (head, got) = get(&server.addr, "/big.bin", "");
                    if head.starts_with("HTTP/1.1 200") && got.len() == 64 * 1024 {
                        ok.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                }
            });
        }
    });
    assert_eq!(ok.into_inner(), 200);
    assert!(start.elapsed() < Duration::from_secs(30), "took {:?}", start.elapsed());
    // Kept-alive connections: 50 requests on each of 4 connections.
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                let mut s = TcpStream::connect(&server.addr).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                let mut reader = BufReader::new(s.try_clone().unwrap());
                for _ in 0..50 {
                    write!(s, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
                    let (mut status, mut line, mut length) = (String::new(), String::new(), 0);
                    reader.read_line(&mut status).unwrap();
                    while reader.read_line(&mut line).unwrap() > 2 {
                        if let Some(n) = line.strip_prefix("Content-Length: ") {
                            length = n.trim().parse().unwrap();
                        }
                        line.clear();
                    }
                    let mut got = vec![0; length];
                    reader.read_exact(&mut got).unwrap();
                    assert!(status.starts_with("HTTP/1.1 200") && length == 64 * 1024, "{status}");
                }
            });
        }
    });
    assert!(start.elapsed() < Duration::from_secs(30), "took {:?}", start.elapsed());
}
