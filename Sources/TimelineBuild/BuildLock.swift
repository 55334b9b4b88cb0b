import Foundation
import TimelineModel

/// An exclusive lock on a build folder: `flock` on `.timeline.lock` beside events.json, holding the pid of the
/// process that owns it. Two builds writing the same events.json never interleave; the second waits (and can
/// say who it waits for). The kernel releases the lock when its holder exits, even when killed, so a stale
/// lock file is harmless: it is never deleted, only locked.
public final class BuildLock: @unchecked Sendable {
    /// The lock file.
    public let url: URL
    private var fd: Int32 = -1

    /// The lock file for an events file: `.timeline.lock` in the same folder.
    public static func url(besideEvents events: URL) -> URL {
        events.deletingLastPathComponent().appendingPathComponent(".timeline.lock")
    }

    private init(url: URL) {
        self.url = url
    }

    /// Takes the lock, waiting for its holder when `wait` is true.
    /// - Parameters:
    ///   - waiting: called once, with the holder's pid when known, before waiting.
    /// - Throws: ``TimelineError/writeFailed(path:reason:)`` when the lock file cannot be created, or when
    ///   `wait` is false and another process holds the lock.
    public static func acquire(_ url: URL, wait: Bool = true, waiting: (Int32?) -> Void = { _ in }) throws -> BuildLock {
        let lock = BuildLock(url: url)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw TimelineError.writeFailed(path: url.relativePath, reason: "cannot create the build lock: "
                                            + String(cString: strerror(errno)))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw TimelineError.writeFailed(path: url.relativePath, reason: "cannot lock: \(reason)")
            }
            let holder = holderPID(fd)
            guard wait else {
                close(fd)
                throw TimelineError.writeFailed(path: url.relativePath, reason: "another build"
                    + (holder.map { " (pid \($0))" } ?? "") + " is writing here; try again when it has finished")
            }
            waiting(holder)
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw TimelineError.writeFailed(path: url.relativePath, reason: "cannot lock: \(reason)")
                }
            }
        }
        // Ours: record who holds it.
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        lock.fd = fd
        return lock
    }

    /// The pid written in a lock file (by whoever holds or last held it).
    static func holderPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 32, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Releases the lock (also done on deinit and by the kernel at exit).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
