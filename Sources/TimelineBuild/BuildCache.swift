import Foundation
import TimelineCorpus
import TimelineExtraction
import TimelineModel

/// The regeneration cache: a folder (by default `.timeline-cache/` beside events.json, git-ignored) holding
///
/// - `extractions/xx/<key>`: one document's extraction, keyed by the SHA-256 of the extractor fingerprint,
///   the document id and the document's bytes;
/// - `index-<corpus>`: for each document of a corpus, the stamp (`stat`) it had when its bytes were hashed,
///   so unchanged files are not read again;
/// - `manifest`: what the last build read and wrote (see ``BuildManifest``);
/// - `executable-digest.json`: the memoized digest of the `timeline` binary.
///
/// Every file carries a header with the format version, its key and a checksum (see `CacheFile`); an entry
/// that fails the check is ignored and rebuilt, never trusted. Writes go to a temporary file renamed into
/// place, and a failed cache write never fails a build.
public final class BuildCache: @unchecked Sendable {
    /// The cache folder.
    public let folder: URL
    /// Whether entries are written (false: read-only use, e.g. when the folder cannot be written).
    public var writable: Bool

    /// Entries found corrupt or foreign during this run, by file name, with the reason (for diagnostics and tests).
    public private(set) var rejected: [(file: String, reason: String)] = []

    private let lock = NSLock()
    /// The path of the extractions folder, made once: building a `URL` per entry and asking it for its path
    /// took as long as reading the entry.
    private let extractionsPath: String

    /// The default cache folder for an events file: `.timeline-cache/` in the same folder.
    public static func defaultFolder(besideEvents events: URL) -> URL {
        events.deletingLastPathComponent().appendingPathComponent(".timeline-cache")
    }

    public init(folder: URL, writable: Bool = true) {
        self.folder = folder
        self.writable = writable
        extractionsPath = folder.appendingPathComponent("extractions", isDirectory: true).path
    }

    // MARK: extractions

    /// The key of a document's extraction.
    public static func extractionKey(fingerprint: ExtractorFingerprint, id: String, sha256: String) -> String {
        ContentHash.hex(joining: [fingerprint.value, id, sha256])
    }

    /// Removes the cached extractions whose keys are not in `keys` (the entries of an older extractor, which no
    /// build of this one can use), and returns how many it removed. Temporary files of writers still at work
    /// (hidden names) are left alone.
    @discardableResult
    public func pruneExtractions(keeping keys: Set<String>) -> Int {
        guard writable else { return 0 }
        let fm = FileManager.default
        let root = folder.appendingPathComponent("extractions")
        var removed = 0
        for shard in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where !shard.hasPrefix(".") {
            let dir = root.appendingPathComponent(shard)
            for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasPrefix(".") && !keys.contains(name) {
                if unlink(dir.appendingPathComponent(name).path) == 0 { removed += 1 }
            }
        }
        return removed
    }

    /// Where the extraction under `key` is kept: `extractions/<first two characters>/<key>`.
    func extractionPath(_ key: String) -> String {
        extractionsPath + "/" + key.prefix(2) + "/" + key
    }

    /// ``extractionPath(_:)`` as a file URL.
    func extractionURL(_ key: String) -> URL {
        URL(fileURLWithPath: extractionPath(key), isDirectory: false)
    }

    /// The cached extraction under `key`, or nil when absent, foreign or corrupt (then noted in ``rejected``).
    public func extraction(forKey key: String, document id: String) -> DocumentExtraction? {
        let path = extractionPath(key)
        switch CacheFile.read(atPath: path, kind: "extraction", key: key) {
        case .failure(.missing):
            return nil
        case let .failure(.corrupt(reason)):
            reject(URL(fileURLWithPath: path, isDirectory: false), reason)
            return nil
        case let .success(payload):
            guard let x = DocumentExtraction(cachedBinary: [UInt8](payload)), x.document == id else {
                reject(URL(fileURLWithPath: path, isDirectory: false), "payload does not decode")
                return nil
            }
            return x
        }
    }

    /// Stores an extraction under `key`.
    public func store(_ extraction: DocumentExtraction, forKey key: String) {
        guard writable else { return }
        let payload = Data(CachedExtraction(extraction).binary())
        try? CacheFile.writeAtomically(CacheFile.encode(kind: "extraction", key: key, payload: payload), to: extractionURL(key))
    }

    func reject(_ url: URL, _ reason: String) {
        lock.lock()
        // Named by its path in the cache folder (extractions/ab/<key>, svg-tiles/<key>, manifest).
        let prefix = folder.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        rejected.append((path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent, reason))
        lock.unlock()
        if writable { try? FileManager.default.removeItem(at: url) }
    }

    // MARK: corpus index

    /// What is known about one document without reading it.
    struct IndexEntry: Codable, Equatable {
        var stamp: FileStamp
        /// When the bytes were hashed (ns since 1970); a stamp too close to it is not trusted.
        var hashedAt: Int64
        var record: DocumentRecord
        /// The reader's warnings about this document (invalid UTF-8, a bad front matter date): shown on every build.
        var warnings: [String]

        /// Whether the stamp may stand for the bytes: the file was last modified well before it was hashed, so
        /// a later write within the same timestamp tick cannot have gone unnoticed.
        var trusted: Bool { hashedAt - stamp.mtime > 1_000_000_000 }
    }

    func indexURL(corpus: URL) -> URL {
        folder.appendingPathComponent("index-" + String(ContentHash.hex(corpus.standardizedFileURL.path).prefix(16)))
    }

    func loadIndex(corpus: URL) -> [String: IndexEntry] {
        let url = indexURL(corpus: corpus)
        switch CacheFile.read(url, kind: "index", key: ContentHash.hex(corpus.standardizedFileURL.path)) {
        case .failure(.missing):
            return [:]
        case let .failure(.corrupt(reason)):
            reject(url, reason)
            return [:]
        case let .success(payload):
            guard let index = IndexEntry.index(binary: [UInt8](payload)) else {
                reject(url, "payload does not decode")
                return [:]
            }
            return index
        }
    }

    func saveIndex(_ index: [String: IndexEntry], corpus: URL) {
        guard writable else { return }
        let payload = Data(IndexEntry.binary(index))
        try? CacheFile.writeAtomically(
            CacheFile.encode(kind: "index", key: ContentHash.hex(corpus.standardizedFileURL.path), payload: payload),
            to: indexURL(corpus: corpus))
    }

    // MARK: manifest

    var manifestURL: URL { folder.appendingPathComponent("manifest") }

    /// The manifest of the last complete build writing `events`, if any and intact.
    public func manifest(events: URL) -> BuildManifest? {
        let key = ContentHash.hex(events.standardizedFileURL.path)
        switch CacheFile.read(manifestURL, kind: "manifest", key: key) {
        case .failure(.missing):
            return nil
        case let .failure(.corrupt(reason)):
            // Another events file in the same folder is not corruption: keep it, just don't use it.
            if reason != "entry for another key" { reject(manifestURL, reason) }
            return nil
        case let .success(payload):
            guard let m = try? JSONDecoder().decode(BuildManifest.self, from: payload) else {
                reject(manifestURL, "payload does not decode")
                return nil
            }
            return m
        }
    }

    func saveManifest(_ manifest: BuildManifest, events: URL) {
        guard writable else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let payload = try? encoder.encode(manifest) else { return }
        try? CacheFile.writeAtomically(
            CacheFile.encode(kind: "manifest", key: ContentHash.hex(events.standardizedFileURL.path), payload: payload),
            to: manifestURL)
    }

    /// Where the executable's digest is memoized.
    var executableMemoURL: URL { folder.appendingPathComponent("executable-digest.json") }
}
