import Foundation
import TimelineCorpus
import TimelineExtraction
import TimelineModel

/// `timeline extract --jsonl`: documents in, one ``PartRecord`` per document out, as JSON lines, so that the
/// extractor can run as the map step of a distributed job (Spark `RDD.pipe`, Hadoop Streaming, GNU parallel).
///
/// An input line is a JSON object `{"id": …, "text": …, "date": …, "format": …}`:
///
/// - `id` (string, required): the document id, as events.json will record it (a relative path, `/` separators);
/// - `text` (string, required): the document's text (for `html`, the raw HTML);
/// - `date` (string or null): the document's date, `YYYY-MM-DD` or an ISO 8601 timestamp (the day is kept);
///   it overrides any date the text states; absent or null: found in the text as for a file;
/// - `format` (string or null): `txt`, `md` or `html` (also `text`, `markdown`, `htm`); absent or null: from
///   the extension of `id` when it is one the corpus reader knows, otherwise `txt`.
///
/// Other keys are ignored. Blank lines are skipped. Output lines come in input order whatever the number of
/// jobs, each written (and so flushed) as soon as it and every line before it are done.
public final class StreamExtractor: @unchecked Sendable {
    /// What happened to one input line.
    public enum Outcome: Sendable {
        /// The document's record, as one line of JSON, and the reader's warnings (already prefixed).
        case record(Data, warnings: [String])
        /// The line was left out; the message names the line and what is wrong.
        case failed(String)
        /// A blank line.
        case blank
    }

    /// What a run did.
    public struct Summary: Sendable, Equatable {
        public var documents = 0
        public var failed = 0
        public var warnings = 0
    }

    private let extractor = EventExtractor()

    public init() {}

    // MARK: one line

    /// A parsed input line.
    struct Input {
        var id: String
        var text: String
        var date: CalendarDay?
        var format: DocumentFormat
    }

    /// Extracts the document of input line `number` (1-based).
    public func process(line: Data, number: Int) -> Outcome {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
        let input: Input
        switch Self.parse(line) {
        case let .failure(problem): return .failed("line \(number): \(problem.message)")
        case let .success(i): input = i
        }
        let prefix = "line \(number) (\(input.id))"
        var diagnostics: [Diagnostic] = []
        let source: SourceDocument
        do {
            source = try CorpusReader.document(id: input.id, format: input.format, text: input.text, date: input.date,
                                               diagnostics: &diagnostics)
        } catch let error as TimelineError {
            return .failed("\(prefix): \(Self.strip(error.description, id: input.id))")
        } catch {
            return .failed("\(prefix): \(error)")
        }
        var warnings = diagnostics.filter { $0.severity == .warning }.map(\.description)
        if source.rawText.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            warnings.append(Diagnostic(.warning, path: input.id, message: "empty, nothing to extract").description)
        }
        let record = PartRecord(document: source.record, extraction: extractor.extract(source), warnings: warnings)
        do {
            return .record(try record.jsonLine(), warnings: warnings.map { "\($0) (line \(number))" })
        } catch {
            return .failed("\(prefix): cannot encode the result: \(error)")
        }
    }

    struct Problem: Error { var message: String }

    /// Reads one input line, or says what is wrong with it.
    static func parse(_ line: Data) -> Result<Input, Problem> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: line, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            return .failure(Problem(message: "not valid JSON (\(detail))"))
        }
        guard let dict = object as? [String: Any] else {
            return .failure(Problem(message: "expected a JSON object {\"id\", \"text\", \"date\", \"format\"}, found \(kind(object))"))
        }
        func string(_ key: String, required: Bool) -> Result<String?, Problem> {
            guard let value = dict[key], !(value is NSNull) else {
                return required ? .failure(Problem(message: "\"\(key)\" is missing")) : .success(nil)
            }
            guard let s = value as? String else {
                return .failure(Problem(message: "\"\(key)\" must be a string, found \(kind(value))"))
            }
            return .success(s)
        }
        let id: String, text: String
        var date: CalendarDay?, format: DocumentFormat
        switch string("id", required: true) {
        case let .failure(p): return .failure(p)
        case let .success(s): id = s!
        }
        if id.isEmpty { return .failure(Problem(message: "\"id\" is empty")) }
        if id.hasPrefix("/") || id.hasSuffix("/") || id.contains("\\") || id.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            return .failure(Problem(message: "\"id\" \(quoted(id)) is not a document id (a relative path with / separators, no leading or trailing /)"))
        }
        switch string("text", required: true) {
        case let .failure(p): return .failure(p)
        case let .success(s): text = s!
        }
        if text.utf8.contains(0) {
            return .failure(Problem(message: "\"text\" holds NUL characters (binary content), left out"))
        }
        switch string("date", required: false) {
        case let .failure(p): return .failure(p)
        case let .success(s):
            if let s {
                guard let day = parseDate(s) else {
                    return .failure(Problem(message: "\"date\" \(quoted(s)) is not a date (give YYYY-MM-DD or an ISO 8601 timestamp such as 2023-11-02T08:00:00Z)"))
                }
                date = day
            }
        }
        switch string("format", required: false) {
        case let .failure(p): return .failure(p)
        case let .success(s):
            if let s {
                guard let f = formats[s.lowercased()] else {
                    return .failure(Problem(message: "\"format\" \(quoted(s)) is not one of txt, md, html"))
                }
                format = f
            } else {
                format = CorpusReader.format(ofFileNamed: (id as NSString).lastPathComponent) ?? .text
            }
        }
        return .success(Input(id: id, text: text, date: date, format: format))
    }

    static let formats: [String: DocumentFormat] = [
        "txt": .text, "text": .text, "md": .markdown, "markdown": .markdown, "html": .html, "htm": .html,
    ]

    /// `YYYY-MM-DD`, or an ISO 8601 timestamp starting with one (`2023-11-02T08:00:00Z`): the day.
    static func parseDate(_ s: String) -> CalendarDay? {
        let scalars = Array(s.unicodeScalars)
        guard scalars.count >= 10 else { return nil }
        let shape = scalars.prefix(10).enumerated().allSatisfy { i, c in
            i == 4 || i == 7 ? c == "-" : ("0"..."9").contains(c)
        }
        guard shape, scalars.count == 10 || scalars[10] == "T" || scalars[10] == " " else { return nil }
        return CalendarDay(iso: String(String.UnicodeScalarView(scalars.prefix(10))))
    }

    static func kind(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is String: return "a string"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case let n as NSNumber:
            return String(cString: n.objCType) == "c" || "\(type(of: value))".contains("Bool") ? "a boolean" : "a number"
        default: return "\(type(of: value))"
        }
    }

    static func quoted(_ s: String) -> String {
        let short = s.count > 60 ? String(s.prefix(57)) + "…" : s
        return "'\(short)'"
    }

    /// An error message without the document id it starts with (the caller names the line and id).
    static func strip(_ message: String, id: String) -> String {
        message.hasPrefix(id + ":") ? String(message.dropFirst(id.count + 1)).trimmingCharacters(in: .whitespaces) : message
    }

    // MARK: a stream

    /// Processes lines from `next` until it returns nil, `jobs` at a time, handing each outcome to `emit`
    /// in input order (serialized, on any thread) as soon as it and every earlier line are done.
    /// At most `2 × jobs` lines are read ahead of the one being written, so memory stays bounded.
    public func run(jobs: Int, next: () -> Data?, emit: @escaping @Sendable (Int, Outcome) -> Void) -> Summary {
        let state = StreamState()
        var number = 0
        if jobs <= 1 {
            while let line = next() {
                number += 1
                let o = process(line: line, number: number)
                state.summary.count(o)
                emit(number, o)
            }
            return state.summary
        }
        let window = DispatchSemaphore(value: 2 * jobs)
        let running = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "timeline.extract-jsonl", attributes: .concurrent)
        while let line = next() {
            number += 1
            let n = number
            window.wait()
            group.enter()
            queue.async {
                running.wait()
                let o = self.process(line: line, number: n)
                running.signal()
                state.lock.lock()
                state.pending[n] = o
                while let ready = state.pending.removeValue(forKey: state.nextToEmit) {
                    state.summary.count(ready)
                    emit(state.nextToEmit, ready)
                    state.nextToEmit += 1
                    window.signal()
                }
                state.lock.unlock()
                group.leave()
            }
        }
        group.wait()
        return state.summary
    }

    private final class StreamState: @unchecked Sendable {
        let lock = NSLock()
        var pending: [Int: Outcome] = [:]
        var nextToEmit = 1
        var summary = Summary()
    }
}

extension StreamExtractor.Summary {
    mutating func count(_ o: StreamExtractor.Outcome) {
        switch o {
        case let .record(_, w): documents += 1; warnings += w.count
        case .failed: failed += 1
        case .blank: break
        }
    }
}

/// Reads lines from a C stream (standard input) without decoding them: each line without its `\n` (or `\r\n`).
public final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    public init(_ file: UnsafeMutablePointer<FILE>) { self.file = file }

    deinit { free(buffer) }

    /// The next line, or nil at the end of the stream.
    public func next() -> Data? {
        let n = getline(&buffer, &capacity, file)
        guard n >= 0, let buffer else { return nil }
        var length = n
        if length > 0, buffer[length - 1] == 0x0A { length -= 1 }
        if length > 0, buffer[length - 1] == 0x0D { length -= 1 }
        return Data(bytes: buffer, count: length)
    }
}
