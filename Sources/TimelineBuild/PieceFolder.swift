import Foundation
import TimelineModel
import TimelineRender

/// The rendered pieces of the last build (SVG tiles and frame, Markdown sections, events.json chunks: see
/// ``PieceStore``), kept in the cache folder `pieces/`, one file per piece named by the SHA-256 of the
/// program's fingerprint and the piece's key, so that a build after a small change renders only the pieces
/// whose inputs changed, and writes only those.
///
/// Each file is a cache entry with its own checksum: one that fails it or belongs to another key is rejected
/// (``BuildCache/rejected``) and the piece rendered again. After a build, files it did not use are removed.
final class PieceFolder: PieceStore, @unchecked Sendable {
    private let folder: URL
    /// ``folder``'s path, made once (see ``CacheFile/readFile(_:)``).
    private let folderPath: String
    private let cache: BuildCache
    private let fingerprint: String
    private let lock = NSLock()
    private var fresh: [String: Data] = [:]
    private var usedHashes: Set<String> = []

    static let name = "pieces"
    static let kind = "piece"

    init(cache: BuildCache, fingerprint: ExtractorFingerprint) {
        self.cache = cache
        self.fingerprint = fingerprint.value
        folder = cache.folder.appendingPathComponent(Self.name, isDirectory: true)
        folderPath = folder.path
    }

    private func hash(_ key: String) -> String {
        ContentHash.hex(fingerprint + "\n" + key)
    }

    func piece(forKey key: String) -> Data? {
        let hash = hash(key)
        let path = folderPath + "/" + hash
        switch CacheFile.read(atPath: path, kind: Self.kind, key: hash) {
        case .failure(.missing):
            return nil
        case let .failure(.corrupt(reason)):
            cache.reject(URL(fileURLWithPath: path, isDirectory: false), reason)
            return nil
        case let .success(piece):
            return piece
        }
    }

    func store(_ piece: Data, forKey key: String) {
        let hash = hash(key)
        lock.lock()
        fresh[hash] = piece
        lock.unlock()
    }

    func used(_ keys: [String]) {
        let hashes = keys.map { hash($0) }
        lock.lock()
        usedHashes.formUnion(hashes)
        lock.unlock()
    }

    /// Writes the pieces rendered by this build and removes the files of pieces it did not use.
    func save() {
        lock.lock()
        defer { lock.unlock() }
        guard cache.writable else { return }
        for (hash, piece) in fresh.sorted(by: { $0.key < $1.key }) {
            try? CacheFile.writeAtomically(CacheFile.encode(kind: Self.kind, key: hash, payload: piece),
                                           to: folder.appendingPathComponent(hash, isDirectory: false))
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in present where !usedHashes.contains(name) && !name.hasPrefix(".") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name, isDirectory: false))
        }
        fresh = [:]
    }
}
