import Crypto
import Foundation
import TimelineModel

/// Reads a corpus folder into ``SourceDocument``s.
///
/// The folder is walked recursively in a deterministic order. `.txt`, `.md`/`.markdown` and `.html`/`.htm`
/// files (extensions in any case) are documents; other files, hidden files and folders (names starting
/// with `.`), and symbolic links to folders are skipped with a notice (links to folders are never followed,
/// so link loops cannot hang the walk). A problem with one file never stops the read: it becomes a
/// ``Diagnostic`` or an entry of ``CorpusReadResult/errors``.
public struct CorpusReader: Sendable {
    /// The corpus folder.
    public let root: URL

    /// A reader of the corpus folder at `root`.
    public init(root: URL) {
        self.root = root
    }

    /// The format of a file name, from its extension (case-insensitive); nil when unsupported.
    public static func format(ofFileNamed name: String) -> DocumentFormat? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "txt": return .text
        case "md", "markdown": return .markdown
        case "html", "htm": return .html
        default: return nil
        }
    }

    /// Reads every document of the corpus.
    ///
    /// - Throws: ``TimelineError/corpusMissing(path:)`` when `root` is not a folder,
    ///   ``TimelineError/corpusEmpty(path:)`` when it holds no file with a supported extension. When such
    ///   files exist but none could be read, the result has no documents and lists the errors.
    public func read() throws -> CorpusReadResult {
        var info = stat()
        guard stat(root.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw TimelineError.corpusMissing(path: root.relativePath)
        }
        var walk = Walk()
        walk.visited.insert(DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        self.walk(root, prefix: "", into: &walk)
        guard walk.candidates > 0 else { throw TimelineError.corpusEmpty(path: root.relativePath) }
        walk.result.documents.sort { $0.id < $1.id }
        return walk.result
    }

    /// Reads one file as a document with the given id (its path relative to the corpus root).
    ///
    /// - Throws: ``TimelineError/unreadable(path:reason:)`` when the file cannot be read,
    ///   ``TimelineError/malformedFrontMatter(path:line:column:reason:)`` for a Markdown file whose front
    ///   matter is not valid YAML.
    public func readDocument(at url: URL, id: String) throws -> SourceDocument {
        var diagnostics: [Diagnostic] = []
        return try readDocument(at: url, id: id, diagnostics: &diagnostics)
    }

    /// Reads one file as a document, appending notices and warnings (invalid UTF-8, a front matter date that
    /// is not a date) to `diagnostics`.
    public func readDocument(at url: URL, id: String, diagnostics: inout [Diagnostic]) throws -> SourceDocument {
        let bytes = try Self.readBytes(url)
        return try DocumentBuilder.build(id: id, path: url.relativePath, format: Self.format(ofFileNamed: url.lastPathComponent) ?? .text,
                                         bytes: bytes, diagnostics: &diagnostics)
    }

    // MARK: walking

    private struct DeviceInode: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private struct Walk {
        var result = CorpusReadResult()
        var visited: Set<DeviceInode> = []
        var candidates = 0
    }

    private func walk(_ dir: URL, prefix: String, into walk: inout Walk) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        } catch {
            let id = prefix.isEmpty ? "." : String(prefix.dropLast())
            walk.result.errors.append(.unreadable(path: display(id), reason: "cannot list the folder: \(Self.reason(error))"))
            return
        }
        for name in names {
            let id = prefix + name
            let url = dir.appendingPathComponent(name)
            if name.hasPrefix(".") {
                walk.result.diagnostics.append(Diagnostic(.notice, path: id, message: "hidden, skipped"))
                continue
            }
            var link = stat()
            guard lstat(url.path, &link) == 0 else {
                let reason = String(cString: strerror(errno))
                if Self.format(ofFileNamed: name) != nil {
                    walk.candidates += 1
                    walk.result.errors.append(.unreadable(path: display(id), reason: reason))
                } else {
                    walk.result.diagnostics.append(Diagnostic(.warning, path: id, message: "cannot inspect: \(reason)"))
                }
                continue
            }
            var info = link
            let isLink = (link.st_mode & S_IFMT) == S_IFLNK
            if isLink, stat(url.path, &info) != 0 {
                if Self.format(ofFileNamed: name) != nil {
                    walk.candidates += 1
                    walk.result.errors.append(.unreadable(path: display(id), reason: "broken symbolic link"))
                } else {
                    walk.result.diagnostics.append(Diagnostic(.notice, path: id, message: "broken symbolic link, skipped"))
                }
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if isLink {
                    walk.result.diagnostics.append(Diagnostic(.notice, path: id,
                        message: "symbolic link to a folder, not followed"))
                    continue
                }
                let key = DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                guard walk.visited.insert(key).inserted else {
                    walk.result.diagnostics.append(Diagnostic(.notice, path: id, message: "folder already read, skipped"))
                    continue
                }
                self.walk(url, prefix: id + "/", into: &walk)
            case S_IFREG:
                guard let format = Self.format(ofFileNamed: name) else {
                    walk.result.diagnostics.append(Diagnostic(.notice, path: id,
                        message: "not a .txt, .md, .markdown, .html or .htm file, skipped"))
                    continue
                }
                walk.candidates += 1
                do {
                    let bytes = try Self.readBytes(url, display: display(id))
                    let document = try DocumentBuilder.build(id: id, path: display(id), format: format, bytes: bytes,
                                                             diagnostics: &walk.result.diagnostics)
                    walk.result.documents.append(document)
                } catch let error as TimelineError {
                    walk.result.errors.append(error)
                } catch {
                    walk.result.errors.append(.unreadable(path: display(id), reason: Self.reason(error)))
                }
            default:
                walk.result.diagnostics.append(Diagnostic(.notice, path: id, message: "not a regular file, skipped"))
            }
        }
    }

    /// The path of a document as errors show it: the corpus folder as given, then the id.
    private func display(_ id: String) -> String {
        let base = root.relativePath
        if base.isEmpty || base == "." { return id }
        return base.hasSuffix("/") ? base + id : base + "/" + id
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedDescription
    }

    // MARK: reading

    /// Reads a regular file's bytes with POSIX calls (non-blocking open, so a FIFO swapped in cannot hang us).
    static func readBytes(_ url: URL, display: String? = nil) throws -> [UInt8] {
        let path = display ?? url.relativePath
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw TimelineError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw TimelineError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw TimelineError.unreadable(path: path, reason: "not a regular file")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        // A buffer the size of the file (one more byte sees the end in one read), at most 1 MiB: zeroing a 1 MiB
        // buffer for every small file cost more than reading it.
        let chunk = min(1 << 20, max(Int(info.st_size) + 1, 4096))
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, chunk) }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw TimelineError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            bytes.append(contentsOf: buffer[0..<got])
        }
        return bytes
    }

    /// SHA-256 of bytes, lowercase hex.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for b in SHA256.hash(data: bytes) {
            hex.append(digits[Int(b >> 4)])
            hex.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
