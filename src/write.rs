//! Writing a fixed file so that readers never see a half-written one.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, keeping the file's permissions. A symbolic link is written
/// through, not replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = fs::canonicalize(path)?;
    let permissions = fs::metadata(&target)?.permissions();
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".pymod-")
        .tempfile_in(dir)?;
    // No fsync: the rename already keeps readers from seeing a partial
    // file, and a flush to disk per file would cost more than the fixing.
    temp.write_all(bytes)?;
    fs::set_permissions(temp.path(), permissions)?;
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
