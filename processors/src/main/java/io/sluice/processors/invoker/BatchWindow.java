package io.sluice.processors.invoker;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

/**
 * One recurring off-peak window, written {@code "DAYS HH:MM-HH:MM [Zone/Id]"}: days are
 * {@code Mon}..{@code Sun}, ranges ({@code Mon-Fri}, {@code Fri-Mon} wraps), lists
 * ({@code Mon,Wed,Sat}) or {@code *} for every day; the times are local wall-clock times in the
 * IANA zone (or the schedule's default zone). A window belongs to the day it starts on: an end at
 * or before the start ends the next day ({@code Mon-Fri 22:00-06:00} runs from Friday 22:00 to
 * Saturday 06:00), and {@code 24:00} is the end of the day ({@code Sat,Sun 00:00-24:00}).
 *
 * <p>Evaluated on the local time of an instant, so DST is what the wall clock says: a window over
 * a spring-forward gap is an hour shorter that night, one over a fall-back hour an hour longer.
 */
public record BatchWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean toMidnight, ZoneId zone) {
    private static final DayOfWeek[] WEEK = DayOfWeek.values();

    public BatchWindow {
        days = Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a batch window needs at least one day");
        }
        if (!toMidnight && end.equals(start)) {
            throw new IllegalArgumentException("a batch window must not start and end at the same time "
                    + start + " (use 00:00-24:00 for a whole day)");
        }
    }

    /** Parses {@code text}; a window without a zone of its own is in {@code defaultZone}. */
    public static BatchWindow parse(String text, ZoneId defaultZone) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("batch window `" + text
                    + "` is not `DAYS HH:MM-HH:MM [Zone/Id]` (for example `Mon-Fri 22:00-06:00 Europe/Paris`)");
        }
        String[] times = parts[1].split("-");
        if (times.length != 2) {
            throw new IllegalArgumentException("batch window `" + text + "`: times must be HH:MM-HH:MM");
        }
        ZoneId zone;
        try {
            zone = parts.length == 3 ? ZoneId.of(parts[2]) : defaultZone;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("batch window `" + text + "`: unknown time zone `" + parts[2] + "`");
        }
        boolean toMidnight = times[1].equals("24:00");
        return new BatchWindow(days(parts[0], text), time(times[0], text), toMidnight ? LocalTime.MIDNIGHT
                : time(times[1], text), toMidnight, zone);
    }

    /** True if {@code instant} falls inside this window: on a start day after the start, or before the end of one that began the day before. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek today = local.getDayOfWeek();
        if (crossesMidnight()) {
            return days.contains(today) && !time.isBefore(start)
                    || days.contains(today.minus(1)) && time.isBefore(end);
        }
        return days.contains(today) && !time.isBefore(start) && (toMidnight || time.isBefore(end));
    }

    private boolean crossesMidnight() {
        return !toMidnight && !end.isAfter(start);
    }

    private static LocalTime time(String text, String window) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("batch window `" + window + "`: `" + text + "` is not a time HH:MM");
        }
    }

    private static Set<DayOfWeek> days(String text, String window) {
        if (text.equals("*")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : text.split(",")) {
            String[] range = item.split("-");
            if (range.length == 1) {
                days.add(day(range[0], window));
            } else if (range.length == 2) {
                DayOfWeek from = day(range[0], window);
                DayOfWeek to = day(range[1], window);
                for (int i = from.ordinal(); ; i = (i + 1) % WEEK.length) {
                    days.add(WEEK[i]);
                    if (i == to.ordinal()) {
                        break;
                    }
                }
            } else {
                throw new IllegalArgumentException("batch window `" + window + "`: `" + item + "` is not a day range");
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String window) {
        for (DayOfWeek day : WEEK) {
            if (day.name().substring(0, 3).equalsIgnoreCase(text)) {
                return day;
            }
        }
        throw new IllegalArgumentException("batch window `" + window + "`: `" + text
                + "` is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun or *)");
    }

    @Override
    public String toString() {
        return days + " " + start + "-" + (toMidnight ? "24:00" : end) + " " + zone;
    }
}
