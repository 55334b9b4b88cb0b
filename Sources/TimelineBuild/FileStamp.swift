import Foundation

/// What `stat` says about a file: enough to notice that it changed without reading it.
///
/// Two equal stamps mean "very probably the same bytes" (the rule git's index uses); a stamp whose
/// modification time is too close to when it was taken is not trusted (see ``BuildCache``).
public struct FileStamp: Codable, Equatable, Hashable, Sendable {
    public var size: Int64
    /// Modification time, nanoseconds since 1970.
    public var mtime: Int64
    /// Status change time, nanoseconds since 1970 (changes on rename, chmod, and every write).
    public var ctime: Int64
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int64, mtime: Int64, ctime: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.mtime = mtime
        self.ctime = ctime
        self.inode = inode
        self.device = device
    }

    init(_ s: stat) {
        size = Int64(s.st_size)
        mtime = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
        ctime = Int64(s.st_ctim.tv_sec) * 1_000_000_000 + Int64(s.st_ctim.tv_nsec)
        inode = UInt64(s.st_ino)
        device = UInt64(s.st_dev)
    }

    /// The stamp of the file at `path` (following symbolic links), or nil when it does not exist.
    public static func of(path: String) -> FileStamp? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return FileStamp(s)
    }

    /// Now, in the clock of file modification times (nanoseconds since 1970).
    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
