//! Writing a fixed file so that readers never see a half-written one.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, keeping the file's permissions. A symbolic link is written
/// through, not replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // One `lstat` in the common case; a link is resolved to the file it
    // points to, which is what gets replaced.
    let link_metadata = fs::symlink_metadata(path)?;
    let (target, permissions) = if link_metadata.file_type().is_symlink() {
        let target = fs::canonicalize(path)?;
        let permissions = fs::metadata(&target)?.permissions();
        (target, permissions)
    } else {
        (path.to_path_buf(), link_metadata.permissions())
    };
    let dir = target
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".pymod-")
        .tempfile_in(dir)?;
    // No fsync: the rename already keeps readers from seeing a partial
    // file, and a flush to disk per file would cost more than the fixing.
    temp.write_all(bytes)?;
    temp.as_file().set_permissions(permissions)?;
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
