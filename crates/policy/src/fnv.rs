// FNV-1a 64 over (file name, text) pairs: the rules bundle's content hash. Shared with build.rs
// (included there), so the embedded hash and a directory's hash agree for the same files.

/// Hex FNV-1a 64 of the names and texts, each followed by a NUL.
pub fn fnv1a<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for (name, text) in sources {
        for b in name.bytes().chain([0u8]).chain(text.bytes()).chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}
