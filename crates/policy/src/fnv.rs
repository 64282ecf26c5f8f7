// FNV-1a 64 over (file name, text) pairs: the rules bundle's content hash. Shared with build.rs
// (included there), so the embedded hash and a directory's hash agree for the same files.

/// FNV-1a 64 fed in pieces; an `io::Write`, so a serialiser can write straight into it.
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    /// The FNV-1a 64 offset basis: the hash of nothing.
    fn default() -> Fnv1a {
        Fnv1a(0xcbf29ce484222325)
    }
}

impl Fnv1a {
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }

    /// The hash as 16 lowercase hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl std::io::Write for Fnv1a {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.feed(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Hex FNV-1a 64 of the names and texts, each followed by a NUL.
#[cfg_attr(not(feature = "toml"), allow(dead_code))] // the bundle's hash of TOML sources
pub fn fnv1a<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut h = Fnv1a::default();
    for (name, text) in sources {
        for piece in [name.as_bytes(), &[0], text.as_bytes(), &[0]] {
            h.feed(piece);
        }
    }
    h.hex()
}
