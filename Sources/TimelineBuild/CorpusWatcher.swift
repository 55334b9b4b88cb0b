import Foundation
import TimelineCorpus

/// Notices changes to a corpus folder and a few single files (curation.json) by polling their stamps: cheap
/// (one `stat` per document), portable, and immune to the ways editors save (write in place, write a temporary
/// file and rename it over the old one, delete and recreate).
public struct CorpusWatcher: Sendable {
    /// What changed between two snapshots.
    public struct Change: Equatable, Sendable, CustomStringConvertible {
        public var added: [String] = []
        public var modified: [String] = []
        public var removed: [String] = []
        /// Old path → new path (the same file under another name).
        public var renamed: [(from: String, to: String)] = []

        public var isEmpty: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty && renamed.isEmpty }

        public static func == (a: Change, b: Change) -> Bool {
            a.added == b.added && a.modified == b.modified && a.removed == b.removed
                && a.renamed.map { [$0.from, $0.to] } == b.renamed.map { [$0.from, $0.to] }
        }

        public var description: String {
            var parts: [String] = []
            func list(_ verb: String, _ names: [String]) {
                guard !names.isEmpty else { return }
                let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
                parts.append("\(verb) \(shown)")
            }
            list("added", added)
            list("modified", modified)
            list("removed", removed)
            list("renamed", renamed.map { "\($0.from) → \($0.to)" })
            return parts.joined(separator: "; ")
        }
    }

    /// Path (relative to the corpus, or as given for a single file) → stamp.
    public typealias Snapshot = [String: FileStamp]

    public let corpus: URL
    /// Single files watched besides the corpus (curation.json); they may not exist yet.
    public let files: [URL]

    public init(corpus: URL, files: [URL] = []) {
        self.corpus = corpus
        self.files = files
    }

    /// The stamps of every document of the corpus (same rules as the reader: hidden names skipped, links to
    /// folders not followed) and of the watched files.
    public func snapshot() -> Snapshot {
        var out: Snapshot = [:]
        if let scan = try? CorpusScanner(root: corpus).scan() {
            for f in scan.files { out[f.id] = f.stamp }
            // Unreadable candidates count too: when they become readable, their stamp appears.
            for p in scan.problems { out[p.id] = FileStamp(size: -1, mtime: 0, ctime: 0, inode: 0, device: 0) }
        }
        for url in files {
            if let s = FileStamp.of(path: url.path) { out[url.relativePath] = s }
        }
        return out
    }

    /// The difference between two snapshots.
    public static func change(from old: Snapshot, to new: Snapshot) -> Change {
        var c = Change()
        var added = new.keys.filter { old[$0] == nil }.sorted()
        var removed = old.keys.filter { new[$0] == nil }.sorted()
        c.modified = new.keys.filter { old[$0] != nil && old[$0] != new[$0] }.sorted()
        // A rename keeps the inode.
        for r in removed {
            guard let o = old[r], o.inode != 0,
                  let a = added.first(where: { new[$0]?.inode == o.inode && new[$0]?.device == o.device }) else { continue }
            c.renamed.append((r, a))
            added.removeAll { $0 == a }
            removed.removeAll { $0 == r }
        }
        c.added = added
        c.removed = removed
        return c
    }

    /// Polls every `interval` seconds until `shouldStop` returns true. When a change is seen, waits until the
    /// folder has been quiet for `settle` seconds (so a burst of saves makes one rebuild; at most `maxWait`
    /// seconds), then calls `onChange` with everything that changed since the previous call.
    public func run(from initial: Snapshot, interval: Double = 0.2, settle: Double = 0.15, maxWait: Double = 0.6,
                    shouldStop: () -> Bool, onChange: (Change) -> Void) {
        var last = initial
        while !shouldStop() {
            Self.sleep(interval)
            var current = snapshot()
            guard current != last else { continue }
            // Coalesce a burst: wait for quiet, bounded so that a rebuild starts well within a second.
            let firstSeen = Date()
            while Date().timeIntervalSince(firstSeen) < maxWait, !shouldStop() {
                Self.sleep(settle)
                let again = snapshot()
                if again == current { break }
                current = again
            }
            let change = Self.change(from: last, to: current)
            last = current
            if !change.isEmpty { onChange(change) }
        }
    }

    static func sleep(_ seconds: Double) {
        var ts = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        _ = nanosleep(&ts, nil)
    }
}
