// YAML front matter: a `---` first line, YAML, then a `---` (or `...`) line.

import Foundation
import TimelineModel
import Yams

/// Finds and parses a document's YAML front matter with Yams.
enum FrontMatterParser {
    /// Parsed front matter.
    struct FrontMatter: Equatable {
        /// The whole block, delimiter lines included, in scalar offsets of the raw text.
        var region: Range<Int>
        var title: String?
        var date: CalendarDay?
        /// Set when a `date` key is present but is not a date.
        var dateProblem: String?
    }

    enum Outcome: Equatable {
        /// The text does not start with a front matter block.
        case none
        case parsed(FrontMatter)
        /// Line and column in the file (1-based; the column counts Unicode scalars).
        case malformed(line: Int, column: Int, reason: String)
    }

    /// The keys read for the document date, in order of preference.
    static let dateKeys = ["date", "published", "pubDate", "published_at", "created"]

    /// Parses the front matter at the very start of `raw`. A block that opens but is never closed is
    /// malformed when `strict` (Markdown) and simply not front matter otherwise (plain text).
    static func parse(_ raw: String, strict: Bool) -> Outcome {
        let scalars = raw.unicodeScalars
        // The opening line: `---` and optional trailing blanks.
        var index = scalars.startIndex
        var offset = 0
        for expected in "---".unicodeScalars {
            guard index < scalars.endIndex, scalars[index] == expected else { return .none }
            index = scalars.index(after: index)
            offset += 1
        }
        while index < scalars.endIndex, scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\r" {
            index = scalars.index(after: index)
            offset += 1
        }
        guard index < scalars.endIndex, scalars[index] == "\n" else { return .none }
        index = scalars.index(after: index)
        offset += 1
        let yamlStart = index
        // Find the closing line.
        var line = 2
        while index < scalars.endIndex {
            let lineStart = index
            var lineEnd = index
            var lineScalars = 0
            while lineEnd < scalars.endIndex, scalars[lineEnd] != "\n" {
                lineEnd = scalars.index(after: lineEnd)
                lineScalars += 1
            }
            let content = lineScalars < 16
                ? String(scalars[lineStart..<lineEnd]).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            let next = lineEnd < scalars.endIndex ? scalars.index(after: lineEnd) : lineEnd
            let nextOffset = offset + lineScalars + (lineEnd < scalars.endIndex ? 1 : 0)
            if content == "---" || content == "..." {
                let yaml = String(scalars[yamlStart..<lineStart])
                return interpret(yaml: yaml, region: 0..<nextOffset)
            }
            index = next
            offset = nextOffset
            line += 1
        }
        return strict ? .malformed(line: 1, column: 1,
                                   reason: "the front matter opened on line 1 is never closed; end it with a `---` line")
                      : .none
    }

    /// The YAML starts on line 2 of the file.
    private static let firstYAMLLine = 2

    private static func interpret(yaml: String, region: Range<Int>) -> Outcome {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return malformed(error, yaml: yaml)
        } catch {
            return .malformed(line: firstYAMLLine, column: 1, reason: "\(error)")
        }
        var fm = FrontMatter(region: region)
        guard let node else { return .parsed(fm) }
        guard let mapping = node.mapping else {
            return .malformed(line: firstYAMLLine, column: 1,
                              reason: "front matter must be `key: value` lines (found a \(kind(of: node)))")
        }
        if let title = mapping["title"]?.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty {
            fm.title = title
        }
        for key in dateKeys {
            guard let value = mapping[key] else { continue }
            if let scalar = value.scalar, let day = day(of: scalar.string, node: value) {
                fm.date = day
            } else {
                fm.dateProblem = "front matter `\(key)` is not a date: \(value.scalar?.string ?? kind(of: value))"
            }
            break
        }
        return .parsed(fm)
    }

    /// A scalar's day: our own parser first (it converts zoned timestamps to UTC), then Yams' timestamp
    /// constructor, read in UTC.
    private static func day(of string: String, node: Node) -> CalendarDay? {
        if let day = DateStringParser.parseValue(string) { return day }
        if let date = node.timestamp {
            let seconds = date.timeIntervalSince1970
            return CalendarDay(dayNumber: Int((seconds / 86_400).rounded(.down)))
        }
        return nil
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar: return "plain value"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }

    private static func malformed(_ error: YamlError, yaml: String) -> Outcome {
        func at(_ mark: Mark, _ reason: String) -> Outcome {
            .malformed(line: mark.line + firstYAMLLine - 1, column: mark.column, reason: reason)
        }
        func describe(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context, !context.text.isEmpty else { return problem }
            return "\(problem) (\(context.text) at line \(context.mark.line + firstYAMLLine - 1), column \(context.mark.column))"
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return at(mark, describe(problem, context))
        case let .duplicatedKeysInMapping(duplicates, context):
            return at(context.mark, "duplicate key \(duplicates.map { "`\($0)`" }.joined(separator: ", "))")
        case let .reader(problem, offset, _, _):
            var line = firstYAMLLine, column = 1
            if let offset {
                for (i, b) in yaml.utf8.enumerated() {
                    if i >= offset { break }
                    if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
                }
            }
            return .malformed(line: line, column: column, reason: problem)
        default:
            return .malformed(line: firstYAMLLine, column: 1, reason: "\(error)")
        }
    }
}
