import Foundation

/// A problem in a rules folder, with the file and line to fix.
public enum TaggerRulesError: Error, CustomStringConvertible, Equatable {
    /// The folder has no `<language>/rules/*.rules` file.
    case noRules(folder: String)
    /// A line of a rule or word-list file could not be read.
    case badLine(file: String, line: Int, message: String)

    public var description: String {
        switch self {
        case let .noRules(folder):
            return "\(folder): no rule files found; expected <language>/rules/*.rules (for example en/rules/dates.rules)"
        case let .badLine(file, line, message):
            return "\(file):\(line): \(message)"
        }
    }
}
