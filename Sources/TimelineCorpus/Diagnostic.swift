/// A message about one input file that does not stop the build: a skipped file, a decoding problem.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case notice, warning }

    public var severity: Severity
    /// The file, relative to the corpus root.
    public var path: String
    public var message: String

    public init(_ severity: Severity, path: String, message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    public var description: String { "\(severity.rawValue): \(path): \(message)" }
}
