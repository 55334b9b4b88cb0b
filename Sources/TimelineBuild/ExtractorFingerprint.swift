import Foundation

/// What, besides a document's bytes, decides what the extractor finds in it: the program itself and the
/// rule and lexicon files of TimelineTemporal and TimelineExtraction. A cached extraction is reused only
/// under the same fingerprint, so editing a rule file or installing a new `timeline` re-extracts everything.
public struct ExtractorFingerprint: Sendable, Equatable {
    /// The combined digest (lowercase hex).
    public let value: String
    /// The parts, for diagnostics: name → digest.
    public let parts: [String: String]

    /// The version of the cache entry format and of how documents are turned into extractions outside the
    /// extractor (bump when a cached extraction would no longer decode to the same result).
    public static let formatVersion = 4

    /// The names of the resource bundles whose files are rules (SwiftPM names them `<package>_<target>.resources`).
    static let resourceBundles = ["timeline_TimelineTemporal.resources", "timeline_TimelineExtraction.resources"]

    /// Builds a fingerprint from explicit parts (tests).
    public init(parts: [String: String]) {
        self.parts = parts
        value = ContentHash.hex(joining: ["timeline-extractor-v\(Self.formatVersion)"]
                                + parts.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
    }

    /// The fingerprint of the running program: the digest of its executable (memoized in `memo` by the file's
    /// stamp, so it is read once per installed binary) and of every file of its rule resource bundles.
    public static func current(memo: URL? = nil) -> ExtractorFingerprint {
        var parts: [String: String] = [:]
        if let exe = executableURL() {
            parts["executable"] = memoizedDigest(of: exe, memo: memo) ?? "unreadable"
        }
        for name in resourceBundles {
            if let bundle = locateBundle(named: name) {
                parts[name] = digest(ofFolder: bundle)
            } else {
                // Without the rules the extractor cannot run at all; record that honestly.
                parts[name] = "missing"
            }
        }
        return ExtractorFingerprint(parts: parts)
    }

    /// The running executable, symbolic links resolved.
    static func executableURL() -> URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    /// Finds a SwiftPM resource bundle the way `Bundle.module` does: beside the executable, then among the
    /// loaded bundles and their folders.
    static func locateBundle(named name: String) -> URL? {
        var dirs: [URL] = []
        if let exe = executableURL() { dirs.append(exe.deletingLastPathComponent()) }
        dirs.append(Bundle.main.bundleURL)
        for b in Bundle.allBundles + Bundle.allFrameworks {
            dirs.append(b.bundleURL)
            dirs.append(b.bundleURL.deletingLastPathComponent())
        }
        var isDir: ObjCBool = false
        for dir in dirs {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), isDir.boolValue {
                return candidate
            }
        }
        return nil
    }

    /// The digest of every regular file below `folder`: relative paths and contents, in path order.
    static func digest(ofFolder folder: URL) -> String {
        var parts: [String] = []
        let base = folder.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return "unreadable" }
        var files: [String] = []
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                files.append(rel)
            }
        }
        for rel in files.sorted() {
            parts.append(rel)
            parts.append(ContentHash.hex(ofFileAt: URL(fileURLWithPath: base + "/" + rel)) ?? "unreadable")
        }
        return ContentHash.hex(joining: parts)
    }

    /// The digest of a (large) file, remembered in `memo` against the file's stamp.
    static func memoizedDigest(of url: URL, memo: URL?) -> String? {
        guard let stamp = FileStamp.of(path: url.path) else { return nil }
        struct Memo: Codable { var path: String; var stamp: FileStamp; var digest: String }
        if let memo, let data = try? Data(contentsOf: memo), let m = try? JSONDecoder().decode(Memo.self, from: data),
           m.path == url.path, m.stamp == stamp, m.digest.count == 64 {
            return m.digest
        }
        guard let digest = ContentHash.hex(ofFileAt: url) else { return nil }
        // A binary still being written (mtime within the last two seconds) is hashed again next time.
        if let memo, FileStamp.now() - stamp.mtime > 2_000_000_000,
           let data = try? JSONEncoder().encode(Memo(path: url.path, stamp: stamp, digest: digest)) {
            try? CacheFile.writeAtomically(data, to: memo)
        }
        return digest
    }
}
