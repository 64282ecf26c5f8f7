//! The gate in front of hyper: it reads each request's head whole before hyper sees a byte of
//! it, so that every refusal of a head carries the server's own headers and names what is wrong.
//!
//! hyper bounds a head by the size of its read buffer and answers 431 itself past it (so a long
//! request line got 431, not 414), answers a malformed head with a bare 400 (no CSP, no
//! `nosniff`), and closes a head that does not arrive in time without a word. The gate answers
//! these itself, as the response to that request and then closing the connection:
//! - a request line longer than [`Limits::line`]: 414;
//! - a head longer than [`Limits::head`], or with more than [`MAX_HEADERS`] fields: 431;
//! - a head httparse refuses (hyper's own parser, with hyper's defaults), or a bad
//!   `Content-Length`: 400;
//! - a body sent in chunks (`Transfer-Encoding`): 411, since the gate finds where the next head
//!   starts by `Content-Length` (the server takes no body: it answers GET and HEAD);
//! - a head begun but not complete within [`Limits::deadline`] of the server waiting for it: 408
//!   (an idle kept-alive connection that sent nothing is closed without an answer, as before).
//!
//! The refusal is written when hyper shuts the connection down, after whatever hyper wrote
//! before (a pipelined earlier response), and the gate then reads and discards what the client
//! is still sending for at most [`LINGER`] so the client's kernel does not reset the connection
//! before the client has read the refusal. A body (its `Content-Length`) passes through unread.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// hyper's own default cap on a head's fields.
pub const MAX_HEADERS: usize = 100;
/// How long the gate keeps reading (and discarding) after a refusal, and how much at most.
pub const LINGER: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 1 << 20;

/// The limits the gate applies to each head.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The request line, in bytes (without its line end).
    pub line: usize,
    /// The whole head, in bytes.
    pub head: usize,
    /// From the server starting to wait for a head to the head being complete.
    pub deadline: Duration,
}

/// What the bytes received so far say about the head at their start.
#[derive(Debug, PartialEq, Eq)]
pub enum Head {
    /// More bytes are needed.
    Partial,
    /// A head of `len` bytes, followed by a body of `body` bytes.
    Complete {
        len: usize,
        body: u64,
    },
    Refuse(StatusCode),
}

/// Reads the head at the start of `bytes` against `limits`.
pub fn inspect(bytes: &[u8], limits: &Limits) -> Head {
    // httparse skips empty lines before the request line; so does the length of the line here.
    let start = bytes.iter().position(|b| *b != b'\r' && *b != b'\n').unwrap_or(bytes.len());
    let line = &bytes[start..];
    let line_len = match line.iter().position(|b| *b == b'\n') {
        Some(end) => end - usize::from(end > 0 && line[end - 1] == b'\r'),
        None => line.len(),
    };
    if line_len > limits.line {
        return Head::Refuse(StatusCode::URI_TOO_LONG);
    }
    let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut fields);
    match request.parse(bytes) {
        Ok(httparse::Status::Complete(len)) if len > limits.head => Head::Refuse(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE),
        Ok(httparse::Status::Complete(len)) => match body_length(request.headers) {
            Ok(body) => Head::Complete { len, body },
            Err(status) => Head::Refuse(status),
        },
        Ok(httparse::Status::Partial) if bytes.len() > limits.head => Head::Refuse(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE),
        Ok(httparse::Status::Partial) => Head::Partial,
        Err(httparse::Error::TooManyHeaders) => Head::Refuse(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE),
        Err(_) => Head::Refuse(StatusCode::BAD_REQUEST),
    }
}

/// The body's length from the head's fields: 0 without one; 411 when it comes in chunks (any
/// `Transfer-Encoding`), 400 for a `Content-Length` that is not one number.
fn body_length(fields: &[httparse::Header]) -> Result<u64, StatusCode> {
    let mut length = None;
    for f in fields {
        if f.name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(StatusCode::LENGTH_REQUIRED);
        }
        if f.name.eq_ignore_ascii_case("content-length") {
            let text = std::str::from_utf8(f.value).map_err(|_| StatusCode::BAD_REQUEST)?.trim();
            for part in text.split(',') {
                let part = part.trim();
                let n: u64 = match part.parse() {
                    Ok(n) if part.bytes().all(|b| b.is_ascii_digit()) => n,
                    _ => return Err(StatusCode::BAD_REQUEST),
                };
                if length.is_some_and(|l| l != n) {
                    return Err(StatusCode::BAD_REQUEST);
                }
                length = Some(n);
            }
        }
    }
    Ok(length.unwrap_or(0))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Head,
    Body(u64),
}

/// An IO in front of hyper's: see the module's comment. `refusal` writes the whole response
/// (head and body) the server sends for a refused head.
pub struct Gate<S> {
    inner: S,
    limits: Limits,
    refusal: fn(StatusCode) -> Vec<u8>,
    /// Bytes read and not yet handed on; the first `ready` of them are checked.
    buf: Vec<u8>,
    ready: usize,
    mode: Mode,
    /// The head deadline, armed when hyper starts waiting for a head.
    deadline: Option<Pin<Box<Sleep>>>,
    waiting: bool,
    /// Reads end (EOF to hyper): the client closed, an idle deadline passed, or a refusal.
    ended: bool,
    /// A refusal and how much of it is written.
    answer: Option<(Vec<u8>, usize)>,
    linger: Option<(Pin<Box<Sleep>>, usize)>,
}

impl<S> Gate<S> {
    pub fn new(inner: S, limits: Limits, refusal: fn(StatusCode) -> Vec<u8>) -> Gate<S> {
        Gate {
            inner,
            limits,
            refusal,
            buf: Vec::new(),
            ready: 0,
            mode: Mode::Head,
            deadline: None,
            waiting: false,
            ended: false,
            answer: None,
            linger: None,
        }
    }

    /// Refuses the head after the checked bytes: those still go to hyper (a pipelined request
    /// before the bad one is answered first), then reads end, and the refusal follows hyper's
    /// answers when it shuts the connection down.
    fn refuse(&mut self, status: StatusCode) {
        self.answer = Some(((self.refusal)(status), 0));
        self.ended = true;
        self.buf.truncate(self.ready);
    }

    /// Checks what arrived after the bytes already checked.
    fn advance(&mut self) {
        while self.ready < self.buf.len() && !self.ended {
            let rest = &self.buf[self.ready..];
            match self.mode {
                Mode::Body(n) => {
                    let k = n.min(rest.len() as u64);
                    self.ready += k as usize;
                    self.mode = if k == n { Mode::Head } else { Mode::Body(n - k) };
                }
                Mode::Head => match inspect(rest, &self.limits) {
                    Head::Partial => return,
                    Head::Complete { len, body } => {
                        self.ready += len;
                        self.waiting = false;
                        self.mode = if body == 0 { Mode::Head } else { Mode::Body(body) };
                    }
                    Head::Refuse(status) => self.refuse(status),
                },
            }
        }
    }

    /// Arms the deadline when hyper starts waiting for a head.
    fn arm(&mut self) {
        if self.mode != Mode::Head || self.waiting {
            return;
        }
        let at = Instant::now() + self.limits.deadline;
        match &mut self.deadline {
            Some(d) => d.as_mut().reset(at),
            None => self.deadline = Some(Box::pin(tokio::time::sleep_until(at))),
        }
        self.waiting = true;
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Gate<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, out: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        loop {
            if this.ready > 0 {
                let n = this.ready.min(out.remaining());
                out.put_slice(&this.buf[..n]);
                this.buf.drain(..n);
                this.ready -= n;
                return Poll::Ready(Ok(()));
            }
            if this.ended {
                return Poll::Ready(Ok(()));
            }
            this.arm();
            let mut chunk = [0u8; 8192];
            let mut got = ReadBuf::new(&mut chunk);
            match Pin::new(&mut this.inner).poll_read(cx, &mut got) {
                Poll::Ready(Ok(())) if got.filled().is_empty() => {
                    // The client closed; a partial head is dropped (hyper would not answer it).
                    this.ended = true;
                    this.buf.clear();
                }
                Poll::Ready(Ok(())) => {
                    this.buf.extend_from_slice(got.filled());
                    this.advance();
                }
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => {
                    let late = this.waiting && this.deadline.as_mut().is_some_and(|d| d.as_mut().poll(cx).is_ready());
                    if !late {
                        return Poll::Pending;
                    }
                    if this.buf.is_empty() {
                        this.ended = true;
                    } else {
                        this.refuse(StatusCode::REQUEST_TIMEOUT);
                    }
                }
            }
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for Gate<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, data)
    }

    fn poll_write_vectored(self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[io::IoSlice<'_>]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    /// Writes the refusal (if any) after what hyper wrote, closes the sending side, and then
    /// lingers: reads and drops what the client still sends, for [`LINGER`] at most.
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let Some((answer, written)) = &mut this.answer else {
            return Pin::new(&mut this.inner).poll_shutdown(cx);
        };
        while *written < answer.len() {
            match Pin::new(&mut this.inner).poll_write(cx, &answer[*written..]) {
                Poll::Ready(Ok(0)) => break,
                Poll::Ready(Ok(n)) => *written += n,
                Poll::Ready(Err(_)) => break,
                Poll::Pending => return Poll::Pending,
            }
        }
        if this.linger.is_none() {
            std::task::ready!(Pin::new(&mut this.inner).poll_shutdown(cx))?;
            this.linger = Some((Box::pin(tokio::time::sleep(LINGER)), 0));
        }
        let Some((until, drained)) = &mut this.linger else { return Poll::Ready(Ok(())) };
        let mut chunk = [0u8; 8192];
        while *drained < LINGER_BYTES {
            let mut got = ReadBuf::new(&mut chunk);
            match Pin::new(&mut this.inner).poll_read(cx, &mut got) {
                Poll::Ready(Ok(())) if !got.filled().is_empty() => *drained += got.filled().len(),
                Poll::Ready(_) => return Poll::Ready(Ok(())),
                Poll::Pending => return if until.as_mut().poll(cx).is_ready() { Poll::Ready(Ok(())) } else { Poll::Pending },
            }
        }
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits { line: 64, head: 256, deadline: Duration::from_secs(5) };

    fn seen(bytes: &[u8]) -> Head {
        inspect(bytes, &LIMITS)
    }

    #[test]
    fn heads_are_read_whole_and_refused_by_what_is_wrong() {
        assert_eq!(seen(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"), Head::Complete { len: 27, body: 0 });
        assert_eq!(seen(b"\r\n\r\nGET / HTTP/1.1\r\n\r\nGET"), Head::Complete { len: 22, body: 0 });
        assert_eq!(seen(b"GET / HTTP/1.1\nHost: a\n\n"), Head::Complete { len: 24, body: 0 });
        assert_eq!(seen(b"GET / HTTP/1.1\r\nHost: a\r\n"), Head::Partial);
        assert_eq!(seen(b"GET /aaaa"), Head::Partial);
        // The request line: 64 bytes pass, 65 are refused whether or not the line has ended.
        let line = |n: usize| format!("GET /{} HTTP/1.1", "a".repeat(n - 14));
        assert_eq!(line(64).len(), 64);
        assert_eq!(seen(format!("{}\r\n\r\n", line(64)).as_bytes()), Head::Complete { len: 68, body: 0 });
        assert_eq!(seen(format!("{}\r\n\r\n", line(65)).as_bytes()), Head::Refuse(StatusCode::URI_TOO_LONG));
        assert_eq!(seen(format!("GET /{}", "a".repeat(70)).as_bytes()), Head::Refuse(StatusCode::URI_TOO_LONG));
        // The head: 256 bytes pass, 257 are refused, complete or not.
        let head = |n: usize| format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "b".repeat(n - 23));
        assert_eq!(head(256).len(), 256);
        assert_eq!(seen(head(256).as_bytes()), Head::Complete { len: 256, body: 0 });
        assert_eq!(seen(head(257).as_bytes()), Head::Refuse(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE));
        assert_eq!(seen(&head(300).as_bytes()[..280]), Head::Refuse(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "a:1\r\n".repeat(MAX_HEADERS + 1));
        assert_eq!(inspect(many.as_bytes(), &Limits { head: 4096, ..LIMITS }), Head::Refuse(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE));
        // Malformed: 400.
        for bad in
            [&b"GET / HTTP/9.9\r\n\r\n"[..], b"G\x01T / HTTP/1.1\r\n\r\n", b"GET / HTTP/1.1\r\nX Y: 1\r\n\r\n", b"PRI * HTTP/2.0\r\n\r\n"]
        {
            assert_eq!(seen(bad), Head::Refuse(StatusCode::BAD_REQUEST), "{}", String::from_utf8_lossy(bad));
        }
        // Bodies: counted by Content-Length; chunked is 411; a bad length is 400.
        assert_eq!(seen(b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"), Head::Complete { len: 38, body: 5 });
        assert_eq!(seen(b"POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n"), Head::Complete { len: 41, body: 5 });
        assert_eq!(seen(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), Head::Refuse(StatusCode::LENGTH_REQUIRED));
        for bad in [
            &b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"[..],
            b"POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        ] {
            assert_eq!(seen(bad), Head::Refuse(StatusCode::BAD_REQUEST), "{}", String::from_utf8_lossy(bad));
        }
    }
}
