import ArgumentParser
import Foundation
import TimelineModel
import TimelineTemporal

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Find and normalise the temporal expressions (TIMEX3) of one text.",
        discussion: """
            Prints each expression with its offsets (Unicode code points, end exclusive), TIMEX3 type \
            (DATE, TIME, DURATION, SET) and value. Relative expressions ("last year", "去年") are resolved \
            against --dct; without it they stay unresolved (XXXX values). As in TimeML, a range written with \
            words ("between 1994 and 1997") is printed as its two ends; the EDTF column gives each end's date.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, text }

    @Option(help: ArgumentHelp("The document creation time that relative dates are resolved against.",
                               valueName: "YYYY-MM-DD"))
    var dct: String?

    @Option(help: "The text's language.")
    var lang: TaggerLanguage = .auto

    @Option(help: "Output format.")
    var format: Format = .text

    @Argument(help: ArgumentHelp("The text file to tag, or - for standard input.", valueName: "file"))
    var file: String

    func validate() throws {
        if let dct, CalendarDay(iso: dct) == nil || dct.count != 10 {
            throw ValidationError("--dct must be a date in the form YYYY-MM-DD, got '\(dct)'")
        }
    }

    func run() throws {
        try Console.run {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                    throw TimelineError.unreadable(path: file, reason: (error as NSError).localizedDescription)
                }
            }
            let text = String(decoding: data, as: UTF8.self)
            let found = TimeExpression.timeML(
                TemporalTagger.shared.tag(text, dct: dct.flatMap(CalendarDay.init(iso:)), language: lang))
            switch format {
            case .json:
                struct Item: Encodable { let start: Int, end: Int, text: String, type: String, value: String
                                         let mod: String?, edtf: String? }
                let items = found.map { Item(start: $0.start, end: $0.end, text: $0.text, type: $0.type.rawValue,
                                             value: $0.value, mod: $0.mod, edtf: $0.edtf) }
                FileHandle.standardOutput.write(try EventGraphCoder.encodeCanonical(items))
            case .text:
                var out = ""
                for t in found {
                    out += "\(t.start)\t\(t.end)\t\(t.type.rawValue)\t\(t.value)\t\(t.edtf ?? "-")\t\(t.text)\n"
                }
                FileHandle.standardOutput.write(Data(out.utf8))
            }
        }
    }
}

extension TaggerLanguage: ExpressibleByArgument {}
