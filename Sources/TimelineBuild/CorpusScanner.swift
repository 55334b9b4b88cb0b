import Foundation
import TimelineCorpus
import TimelineModel

/// Lists the documents of a corpus folder with their stamps, without reading them, by the same rules as
/// ``CorpusReader/read()``: recursive, in sorted order; hidden names, unsupported extensions and links to
/// folders skipped; a folder reached twice read once.
struct CorpusScanner {
    /// One candidate document.
    struct File: Equatable {
        /// Path relative to the corpus root (the document id).
        var id: String
        /// The file's path as the scan reached it (the corpus folder's path, then the id).
        var path: String
        /// The path messages show: the corpus folder as given, then the id.
        var display: String
        var stamp: FileStamp

        /// The file's URL.
        var url: URL { URL(fileURLWithPath: path, isDirectory: false) }
    }

    struct Scan {
        var files: [File] = []
        /// Notices and warnings about skipped entries.
        var diagnostics: [Diagnostic] = []
        /// Candidate documents that cannot be read at all (broken links, link loops), and unlistable folders.
        var problems: [(id: String, error: TimelineError)] = []
    }

    let root: URL

    /// Walks the corpus.
    /// - Throws: ``TimelineError/corpusMissing(path:)``, ``TimelineError/corpusEmpty(path:)`` as the reader does.
    func scan() throws -> Scan {
        var info = stat()
        guard stat(root.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw TimelineError.corpusMissing(path: root.relativePath)
        }
        var visited: Set<[UInt64]> = [[UInt64(info.st_dev), UInt64(info.st_ino)]]
        var scan = Scan()
        walk(root.path, prefix: "", visited: &visited, into: &scan)
        guard !scan.files.isEmpty || scan.problems.contains(where: { Self.isDocumentName($0.id) }) else {
            throw TimelineError.corpusEmpty(path: root.relativePath)
        }
        scan.files.sort { $0.id < $1.id }
        return scan
    }

    static func isDocumentName(_ id: String) -> Bool {
        CorpusReader.format(ofFileNamed: String(id.split(separator: "/").last ?? "")) != nil
    }

    /// Lists `dir` (a path: building URLs per entry took a fifth of a no-op build of 2,000 documents).
    private func walk(_ dir: String, prefix: String, visited: inout Set<[UInt64]>, into scan: inout Scan) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        } catch {
            let id = prefix.isEmpty ? "." : String(prefix.dropLast())
            scan.problems.append((id, .unreadable(path: display(id),
                                                  reason: "cannot list the folder: \((error as NSError).localizedDescription)")))
            return
        }
        for name in names {
            let id = prefix + name
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            if name.hasPrefix(".") {
                scan.diagnostics.append(Diagnostic(.notice, path: id, message: "hidden, skipped"))
                continue
            }
            let isDocument = CorpusReader.format(ofFileNamed: name) != nil
            var link = stat()
            guard lstat(path, &link) == 0 else {
                let reason = String(cString: strerror(errno))
                if isDocument {
                    scan.problems.append((id, .unreadable(path: display(id), reason: reason)))
                } else {
                    scan.diagnostics.append(Diagnostic(.warning, path: id, message: "cannot inspect: \(reason)"))
                }
                continue
            }
            var info = link
            let isLink = (link.st_mode & S_IFMT) == S_IFLNK
            if isLink, stat(path, &info) != 0 {
                let reason = errno == ELOOP ? "symbolic link loop" : "broken symbolic link"
                if isDocument {
                    scan.problems.append((id, .unreadable(path: display(id), reason: reason)))
                } else {
                    scan.diagnostics.append(Diagnostic(.notice, path: id, message: "\(reason), skipped"))
                }
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if isLink {
                    scan.diagnostics.append(Diagnostic(.notice, path: id, message: "symbolic link to a folder, not followed"))
                    continue
                }
                guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
                    scan.diagnostics.append(Diagnostic(.notice, path: id, message: "folder already read, skipped"))
                    continue
                }
                walk(path, prefix: id + "/", visited: &visited, into: &scan)
            case S_IFREG:
                guard isDocument else {
                    scan.diagnostics.append(Diagnostic(.notice, path: id,
                        message: "not a .txt, .md, .markdown, .html or .htm file, skipped"))
                    continue
                }
                scan.files.append(File(id: id, path: path, display: display(id), stamp: FileStamp(info)))
            default:
                scan.diagnostics.append(Diagnostic(.notice, path: id, message: "not a regular file, skipped"))
            }
        }
    }

    /// The path of a document as messages show it: the corpus folder as given, then the id.
    func display(_ id: String) -> String {
        let base = root.relativePath
        if base.isEmpty || base == "." { return id }
        return base.hasSuffix("/") ? base + id : base + "/" + id
    }
}
