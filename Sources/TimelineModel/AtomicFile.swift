import Foundation

/// Writes files atomically: to a temporary file in the same folder, then renamed into place,
/// so that an interrupted run never leaves a half-written output.
public enum AtomicFile {
    /// Whether `a` and `b` hold the same bytes (one memcmp: outputs run to megabytes).
    static func sameBytes(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0
            }
        }
    }

    /// Writes `data` to `url` atomically, creating the parent folder. Returns `false` when the file
    /// already held exactly these bytes (and leaves it untouched, mtime included).
    @discardableResult
    public static func write(_ data: Data, to url: URL) throws -> Bool {
        let fm = FileManager.default
        // Only a file of the same size can hold the same bytes: others are not read (outputs run to megabytes).
        var info = stat()
        if stat(url.path, &info) == 0, Int(info.st_size) == data.count,
           let existing = try? Data(contentsOf: url), sameBytes(existing, data) {
            return false
        }
        let dir = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            try data.write(to: tmp)
            if rename(tmp.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(at: tmp)
                throw TimelineError.writeFailed(path: url.relativePath, reason: reason)
            }
            return true
        } catch let e as TimelineError {
            throw e
        } catch {
            throw TimelineError.writeFailed(path: url.relativePath, reason: (error as NSError).localizedDescription)
        }
    }
}
