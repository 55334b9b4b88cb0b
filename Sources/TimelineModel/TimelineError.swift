/// Errors a user can act on. Each message names the file (and position where known) and what to do.
public enum TimelineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The corpus folder does not exist or is not a folder.
    case corpusMissing(path: String)
    /// The corpus folder holds no readable document.
    case corpusEmpty(path: String)
    /// A file could not be read.
    case unreadable(path: String, reason: String)
    /// A Markdown file's YAML front matter is malformed.
    case malformedFrontMatter(path: String, line: Int, column: Int, reason: String)
    /// An events.json (or curation.json) file is not valid JSON or does not match the schema.
    case malformedJSON(path: String, position: String, reason: String)
    /// An events.json file of a schema version this tool does not read.
    case unsupportedSchemaVersion(path: String, found: Int, supported: Int)
    /// Graphviz refused the graph or failed to render it.
    case graphviz(message: String)
    /// An output could not be written.
    case writeFailed(path: String, reason: String)
    /// Invalid command-line input.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .corpusMissing(path):
            return "\(path): no such corpus folder (pass --corpus DIR with a folder of .txt, .md or .html documents)"
        case let .corpusEmpty(path):
            return "\(path): the corpus folder holds no .txt, .md, .markdown, .html or .htm document"
        case let .unreadable(path, reason):
            return "\(path): cannot read the file: \(reason)"
        case let .malformedFrontMatter(path, line, column, reason):
            return "\(path):\(line):\(column): malformed YAML front matter: \(reason)"
        case let .malformedJSON(path, position, reason):
            return position.isEmpty ? "\(path): \(reason)" : "\(path):\(position): \(reason)"
        case let .unsupportedSchemaVersion(path, found, supported):
            return "\(path): schemaVersion \(found) is not supported (this tool reads version \(supported)); regenerate it with `timeline extract`"
        case let .graphviz(message):
            return "graphviz: \(message)"
        case let .writeFailed(path, reason):
            return "\(path): cannot write the output: \(reason)"
        case let .invalidArgument(message):
            return message
        }
    }
}
