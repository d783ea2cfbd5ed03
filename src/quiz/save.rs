//! Atomic saving: a crash, a full disk or `kill -9` in the middle of a save
//! leaves the previous complete file, never a half-written one.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Replaces `path` with `contents`: writes a temporary file in the same folder,
/// flushes it to disk, renames it over `path` (`tempfile`'s persist) and
/// flushes the folder. The rename is atomic on one filesystem, so readers
/// see the old file or the new one; on any failure the temporary file is
/// removed. An existing file keeps its permissions; a symbolic link is
/// followed, so the link stays and its target is replaced.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = resolve_link(path);
    let mut file = create_temp(&target)?;
    file.write_all(contents)?;
    if let Ok(meta) = fs::metadata(&target) {
        file.as_file().set_permissions(meta.permissions())?;
    }
    file.as_file().sync_all()?;
    file.persist(&target).map_err(|e| e.error)?;
    sync_dir(&target);
    Ok(())
}

/// Checks, before any answer is given, that a file can be created beside
/// `path`, so that a quiz does not fail at its first save.
pub fn check_writable(path: &Path) -> io::Result<()> {
    let target = resolve_link(path);
    if target.is_dir() {
        return Err(io::Error::other("is a folder"));
    }
    create_temp(&target).map(drop)
}

/// The folder that holds `path` (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn resolve_link(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// A new, empty, hidden file next to `target`, named after it; removed
/// when dropped unless persisted.
fn create_temp(target: &Path) -> io::Result<NamedTempFile> {
    let name = target
        .file_name()
        .map_or_else(|| "answers".into(), |n| n.to_string_lossy().into_owned());
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder_of(target))
}

/// Flushes the folder entry of a rename to disk; best effort, as some
/// filesystems do not support it.
fn sync_dir(target: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder_of(target)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = target;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        write_atomic(&path, b"one\n").unwrap();
        write_atomic(&path, b"two\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_symbolic_links() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        write_atomic(&real, b"one\n").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.yaml");
        symlink(&real, &link).unwrap();
        write_atomic(&link, b"two\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "two\n");
        let mode = fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_failed_save_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        write_atomic(&path, b"old\n").unwrap();
        // A folder in the way of the rename makes the save fail after writing.
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("x"), "").unwrap();
        assert!(write_atomic(&blocked, b"new\n").is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn check_writable_rejects_folders_and_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_writable(&dir.path().join("a.yaml")).is_ok());
        assert!(check_writable(dir.path()).is_err());
        assert!(check_writable(&dir.path().join("no/such/a.yaml")).is_err());
        assert!(leftovers(dir.path()).is_empty());
    }
}
