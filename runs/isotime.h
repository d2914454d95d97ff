#pragma once

#include <QtGlobal>

#include <optional>

// Internal to the event codec: the one time format events carry, "YYYY-MM-DDTHH:MM:SS.mmmZ", parsed
// from UTF-16 (a QJsonValue's string) or bytes (the fast event reader) alike.
namespace Flow {

inline constexpr qint64 MsPerDay = 86'400'000;

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms): the event
// codec formats and parses one time per event, and QDateTime's ISO code is most of that cost.
constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

// The exact form the codec writes; nullopt for anything else (the caller then asks QDateTime, which
// knows every ISO 8601 variant).
template<typename Char>
std::optional<qint64> parseIsoTimeFast(const Char *t, qsizetype size)
{
    static constexpr char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (size != 24)
        return std::nullopt;
    for (int i = 0; i < 24; ++i) {
        const auto ch = char32_t(t[i]);
        if (shape[i] == 'd' ? (ch < U'0' || ch > U'9') : ch != char32_t(shape[i]))
            return std::nullopt;
    }
    auto num = [t](int at, int width) {
        int v = 0;
        for (int i = at; i < at + width; ++i)
            v = v * 10 + int(char32_t(t[i]) - U'0');
        return v;
    };
    const int year = num(0, 4), month = num(5, 2), day = num(8, 2);
    const int hour = num(11, 2), minute = num(14, 2), second = num(17, 2), ms = num(20, 3);
    static constexpr int monthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > monthDays[month - 1]
        || (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    return daysFromCivil(year, unsigned(month), unsigned(day)) * MsPerDay + hour * 3'600'000LL
           + minute * 60'000LL + second * 1000LL + ms;
}

} // namespace Flow
