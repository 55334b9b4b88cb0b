import Foundation

/// What a build did: the `--json` summary.
public struct BuildSummary: Codable, Equatable, Sendable {
    /// Documents in the corpus (built or skipped).
    public var documents: Int = 0
    /// Documents whose bytes were read (new, changed, or not yet known to the cache).
    public var read: Int = 0
    /// Documents extracted again.
    public var reextracted: Int = 0
    /// Documents whose extraction came from the cache.
    public var fromCache: Int = 0
    /// Candidate documents left out, path → reason (unreadable, binary, too large, malformed front matter).
    public var skipped: [String: String] = [:]
    public var events: Int = 0
    public var relations: Int = 0
    public var undated: Int = 0
    /// Warnings about documents (invalid UTF-8, empty, a bad date), and notices of cache entries rebuilt.
    public var warnings: [String] = []
    /// Curation entries that no longer apply (shown even with `--quiet`: a user's edit is being ignored).
    public var curationWarnings: [String] = []
    /// Files written (changed), relative paths as given.
    public var written: [String] = []
    /// True when nothing had changed and nothing was rendered or written.
    public var upToDate: Bool = false
    /// Cache entries found corrupt or foreign and rebuilt.
    public var cacheRejected: Int = 0
    /// Wall time in seconds.
    public var seconds: Double = 0
    /// Wall time of each stage in seconds: `inputs` (walk, read, extract changed documents), `extract` (the
    /// rest from the cache), `graph` (merging and curation), `render` (events.json and every output made in
    /// memory, side by side), `write` (atomic writes of what changed), `record` (the build record).
    public var stages: [String: Double] = [:]
    /// The peak resident memory of the process so far, in megabytes (0 where the system does not say).
    public var peakMemoryMB: Double = 0

    public init() {}
}

/// How far a build is: `done` of `total` documents resolved.
public struct BuildProgress: Sendable {
    public var done: Int
    public var total: Int
    /// Documents extracted so far (the slow part).
    public var extracted: Int
    /// A stage name: `reading`, `extracting`, `rendering`.
    public var stage: String
}
