/// Checks shared by the reports Traccar parses with whole-line regular expressions: the common
/// head (`+RESP:GTxxx,<version>,<imei>,`) and the two ways those expressions end.
extension GL200Report {
    /// The head every pattern starts with; `buffered` allows `+BUFF:` as well as `+RESP:`.
    func hasPatternHead(buffered: Bool = false) -> Bool {
        let header = sentence[0]
        let prefixOK = header.hasPrefix("+RESP:GT") || (buffered && header.hasPrefix("+BUFF:GT"))
        return prefixOK && header.count == 11 && !sentence.endsWithEmptyField
            && GL200Shape.version(sentence[1]) && GL200Shape.imei(sentence[2])
    }

    /// `(date)?,(count)$` right at `index`: exactly two fields left, an optional send time and the
    /// 4-hex count number.
    func endsExactly(at index: Int) -> Bool {
        fields.count == index + 2
            && GL200LocationPattern.optional(fields[index], GL200Shape.dateTime)
            && GL200Shape.hex(fields[index + 1], 4...4)
    }

    /// `.*(date)?,(count)$` from `index`: anything, then the 4-hex count number as the last field.
    func endsLoosely(after index: Int) -> Bool {
        fields.count - index >= 2 && GL200Shape.hex(fields[fields.count - 1], 4...4)
    }

    /// The send time when the pattern captured it (`endsExactly`), as the device time.
    func capturedSendTime() -> Int64? { GL200Time.parse(sentence.sendTimeField) }
}
