using System;

namespace Minimization.Runtime
{
    /// <summary>
    /// Truncates points in time to the start of their hour, day, ISO week (Monday), month or year. A
    /// <see cref="DateTime"/> keeps its <see cref="DateTime.Kind"/>; a <see cref="DateTimeOffset"/> is truncated in its own
    /// offset and keeps it.
    /// </summary>
    /// <example>
    /// <code>
    /// TimeTruncation.Truncate(new DateTime(2024, 3, 7, 14, 35, 12), TimeGranularity.Hour); // 2024-03-07 14:00
    /// TimeTruncation.Truncate(new DateTime(2024, 3, 7), TimeGranularity.Week);             // 2024-03-04 (Monday)
    /// </code>
    /// </example>
    public static class TimeTruncation
    {
        /// <summary>Truncates a <see cref="DateTime"/>.</summary>
        /// <param name="value">The point in time.</param>
        /// <param name="granularity">The unit.</param>
        /// <returns>The start of the unit that contains <paramref name="value"/>, with the same kind.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="granularity"/> is not a defined value.</exception>
        [Minimizer]
        public static DateTime Truncate(DateTime value, TimeGranularity granularity)
        {
            DateTime result;
            switch (granularity)
            {
                case TimeGranularity.Hour:
                    result = new DateTime(value.Year, value.Month, value.Day, value.Hour, 0, 0);
                    break;
                case TimeGranularity.Day:
                    result = value.Date;
                    break;
                case TimeGranularity.Week:
                    // DayOfWeek counts from Sunday; ISO weeks start on Monday. 0001-01-01 is a Monday, so this never underflows.
                    int sinceMonday = ((int)value.DayOfWeek + 6) % 7;
                    result = value.Date.AddDays(-sinceMonday);
                    break;
                case TimeGranularity.Month:
                    result = new DateTime(value.Year, value.Month, 1);
                    break;
                case TimeGranularity.Year:
                    result = new DateTime(value.Year, 1, 1);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "Unknown time granularity.");
            }

            return DateTime.SpecifyKind(result, value.Kind);
        }

        /// <summary>Truncates a nullable <see cref="DateTime"/>; null stays null.</summary>
        /// <param name="value">The point in time.</param>
        /// <param name="granularity">The unit.</param>
        /// <returns>The truncated value, or <see langword="null"/>.</returns>
        [Minimizer]
        public static DateTime? Truncate(DateTime? value, TimeGranularity granularity)
            => value is DateTime v ? Truncate(v, granularity) : (DateTime?)null;

        /// <summary>Truncates a <see cref="DateTimeOffset"/> in its own offset.</summary>
        /// <param name="value">The point in time.</param>
        /// <param name="granularity">The unit.</param>
        /// <returns>
        /// The start of the unit, with the same offset; where that start would fall before <see cref="DateTimeOffset.MinValue"/>
        /// in UTC, <see cref="DateTimeOffset.MinValue"/>.
        /// </returns>
        [Minimizer]
        public static DateTimeOffset Truncate(DateTimeOffset value, TimeGranularity granularity)
        {
            DateTime local = Truncate(value.DateTime, granularity);
            long utcTicks = local.Ticks - value.Offset.Ticks;
            if (utcTicks < DateTime.MinValue.Ticks)
            {
                return DateTimeOffset.MinValue;
            }

            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), value.Offset);
        }

        /// <summary>Truncates a nullable <see cref="DateTimeOffset"/>; null stays null.</summary>
        /// <param name="value">The point in time.</param>
        /// <param name="granularity">The unit.</param>
        /// <returns>The truncated value, or <see langword="null"/>.</returns>
        [Minimizer]
        public static DateTimeOffset? Truncate(DateTimeOffset? value, TimeGranularity granularity)
            => value is DateTimeOffset v ? Truncate(v, granularity) : (DateTimeOffset?)null;
    }
}
