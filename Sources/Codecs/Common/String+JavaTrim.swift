extension String {
    /// Without leading and trailing spaces and control characters (Java's `trim()`).
    var javaTrimmed: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0.value > 0x20 }),
              let end = scalars.lastIndex(where: { $0.value > 0x20 }) else { return "" }
        return String(scalars[start...end])
    }
}
