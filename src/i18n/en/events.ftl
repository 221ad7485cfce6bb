### Messages: events and their repetition (src/content/events).
### Ids start with "events-"; the same ids, with the same arguments, are in ../fr/events.ftl.

events-end-before-start = end { $end } is before start { $start }
events-end-before-start-hint = for an all-day event, `end` is the last day, on or after the start
events-country-not-a-code = `{ $country }` is not a two-letter country code
events-country-not-a-code-hint = write BE, FR, NL, CA…
events-location-without-place = the location has no name, address or city
events-location-without-place-hint = give at least a name or a city
events-moment-hint = write YYYY-MM-DDTHH:MM for a time (2027-03-14T09:30) or YYYY-MM-DD for a whole day
events-end-not-after-start = end { $end } is not after start { $start }
events-end-not-after-start-hint = the end must come after the start
events-start-end-mixed = start and end must both be dates or both be dates with a time
events-latitude = { $value } is not a latitude
events-latitude-hint = between -90 and 90, e.g. 50.8466
events-longitude = { $value } is not a longitude
events-longitude-hint = between -180 and 180, e.g. 4.3528
events-coordinates-alone = latitude and longitude go together
events-coordinates-alone-hint = give both, or neither
events-theme-empty = empty theme
events-theme-unusable = `{ $theme }` cannot be used as a theme
events-theme-unusable-hint = a theme needs letters or digits
events-theme-windows-reserved = `{ $theme }` cannot be used as a theme: its address would be a name Windows reserves for a device
events-theme-windows-reserved-hint = write the theme in more words, e.g. `aux arts` rather than `aux`
events-region-unusable = `{ $region }` cannot be used as a region
events-region-unusable-hint = a region needs letters or digits
events-region-windows-reserved = `{ $region }` cannot be used as a region: its address would be a name Windows reserves for a device
events-region-windows-reserved-hint = write the region's full name
events-uid-unusable = `{ $uid }` is not a usable uid
events-uid-unusable-hint = a uid has no spaces, e.g. salon-2027@ambassade.smart.coop; or remove it to use the default
events-updated-future = `updated` ({ $updated }) is after the reference date { $today }: calendars get { $today } instead
events-updated-future-hint = write when the event last changed, which cannot be in the future
events-exceptions-twice = the dates left out are given twice: in `repeat.except` and in `exceptions`
events-exceptions-twice-hint = keep one list
events-repeat-and-recurrence = the event has both `repeat` and `recurrence`
events-repeat-and-recurrence-hint = keep one: `repeat` says it in words, `recurrence` as an RFC 5545 rule
events-exceptions-without-rule = exceptions are only for recurring events
events-exceptions-without-rule-hint = add `repeat:` (or a `recurrence:` rule), or remove `exceptions`
events-time-skipped = { $time } does not exist in { $zone }: clocks go forward at that moment
events-time-skipped-hint = the time is rejected rather than guessed: choose a time one hour later or earlier
events-duplicate-slug = duplicate event slug `{ $slug }` (also { $other })
events-duplicate-slug-hint = two events cannot have the same file name, even in different folders: rename one
events-duplicate-uid = duplicate uid `{ $uid }` (also { $other })
events-duplicate-uid-hint = each event needs its own uid; remove `uid:` to use the default

## repeat:
events-repeat-interval-zero = `interval` is 0
events-repeat-interval-zero-hint = write 2 for every other week (or month…), or remove `interval`
events-repeat-which-without-day = `which` says which one of the month, but `on` names no day
events-repeat-which-without-day-hint = add the day, e.g. `on: tuesday` with `which: first` for the first Tuesday
events-repeat-which-not-monthly = `which` is for events repeating every month or every year
events-repeat-which-not-monthly-hint = use `every: month` for the first Tuesday of each month, or remove `which`
events-repeat-until-and-times = `until` and `times` are both given
events-repeat-until-and-times-hint = keep one: `until: 2027-06-30` (up to that day) or `times: 10`
events-repeat-times-zero = `times` is 0
events-repeat-times-zero-hint = the first time counts: `times: 1` is the start alone

## The recurrence rule and its occurrences
events-rule-hint = write a rule such as FREQ=MONTHLY;BYDAY=1TU;COUNT=10, or use `repeat:` (see the README)
events-rule-one-line = the rule must be written on one line
events-rule-one-line-hint = write only the rule, e.g. FREQ=MONTHLY;BYDAY=1TU;COUNT=10; the start comes from `start`
events-rule-part-malformed = `{ $part }` is not a part of a rule: each part is NAME=VALUE
events-rule-part-empty = `{ $key }` has no value
events-rule-part-twice = `{ $key }` is written twice
events-rule-part-twice-hint = keep one of them
events-rule-no-freq = the rule has no FREQ: say how often the event repeats
events-rule-no-freq-hint = start the rule with FREQ=DAILY, FREQ=WEEKLY, FREQ=MONTHLY or FREQ=YEARLY
events-rule-freq-unknown = `{ $freq }` is not a frequency
events-rule-freq-unknown-hint = write FREQ=DAILY, WEEKLY, MONTHLY or YEARLY; every two weeks is FREQ=WEEKLY;INTERVAL=2
events-rule-wkst = `{ $value }` is not a day for WKST
events-rule-wkst-hint = write WKST=MO (the week starts on Monday) or another two-letter day
events-rule-bysetpos-alone = BYSETPOS picks among the days named by another BY… part, and there is none
events-rule-bysetpos-alone-hint = e.g. the last weekday of the month: FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1
events-rule-count-and-until = the rule has both COUNT and UNTIL
events-rule-count-and-until-hint = keep one: COUNT=10 (ten times) or UNTIL=2027-06-30 (up to that day)
events-rule-until-before-start = the rule ends (UNTIL={ $until }) before the event's first date
events-rule-until-before-start-hint = UNTIL is the last day the event may take place, after `start`
events-rule-part-not-in-rule = `{ $key }` is not written in the rule
events-rule-part-not-in-rule-hint = the first date comes from `start`, dates left out go in `exceptions`
events-rule-part-unknown = `{ $key }` is not a part of a rule
events-rule-part-unknown-guess = did you mean `{ $guess }`?
events-rule-part-unknown-hint = a rule is made of FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS…
events-rule-within-a-day = `{ $part }` would repeat the event within a day: here an event takes place at most once a day, at the time of `start`
events-rule-within-a-day-hint = write one event per time of day
events-rule-part-not-with-freq = { $key } cannot be used with FREQ={ $freq }
events-rule-part-goes-with-one = { $key } goes with FREQ={ $freq }
events-rule-part-goes-with-three = { $key } goes with FREQ={ $a } or FREQ={ $b } or FREQ={ $c }
events-rule-part-goes-with-list = { $key } goes with one of FREQ={ $freqs }
events-rule-number = `{ $value }` is not a value for { $key }
events-rule-number-hint = { $key } takes a whole number from { $min } to { $max }
events-rule-number-signed-hint = { $key } takes a whole number from { $min } to { $max }, or -{ $max } to -{ $min } counting from the end
events-rule-list-empty-value = { $key } has an empty value in its list `{ $list }`
events-rule-list-empty-value-hint = separate the values with single commas
events-rule-byday = `{ $value }` is not a day for BYDAY
events-rule-byday-hint = write the day in two letters: MO, TU, WE, TH, FR, SA, SU; the first Tuesday of the month is 1TU, the last Friday -1FR
events-rule-byday-ordinal-hint = the number before the day says which one of the month, from 1 to { $max } or -1 for the last
events-rule-byday-numbered = `{ $value }`: a numbered day only makes sense in a monthly or yearly rule
events-rule-byday-numbered-hint = write FREQ=MONTHLY;BYDAY=1TU for the first Tuesday of each month, or BYDAY=TU every week
events-rule-until = `{ $value }` is not a date for UNTIL
events-rule-until-hint = write the last day, e.g. UNTIL=2027-06-30 or UNTIL=20270630 (a time is optional: UNTIL=2027-06-30T18:30)
events-rule-refused = the rule `{ $rule }` cannot be used: { $reason }
events-start-not-placeable = the start cannot be placed in the time zone { $zone }
events-start-not-placeable-hint = choose another start time
events-start-not-occurrence = the start { $start } is not an occurrence of the rule `{ $rule }` (first occurrence: { $first })
events-start-not-occurrence-none = the start { $start } is not an occurrence of the rule `{ $rule }` (first occurrence: none)
events-start-not-occurrence-hint = set `start` to the first occurrence of the rule, e.g. the first Tuesday of the month for BYDAY=1TU
events-exception-not-occurrence = { $date } is not the date of an occurrence
events-exception-not-occurrence-hint = list only dates on which the event would otherwise take place
events-rule-reaches-skipped-time = the rule reaches { $dates }{ $later ->
        [0] {""}
       *[other] {" and later"}
    }, when the { $what ->
        [end] end
       *[start] start
    } time { $time } does not exist in { $zone }: clocks go forward from { $from } to { $to }
events-rule-reaches-repeated-time = the rule reaches { $dates }{ $later ->
        [0] {""}
       *[other] {" and later"}
    }, when the { $what ->
        [end] end
       *[start] start
    } time { $time } happens twice in { $zone }: clocks go back from { $to } to { $from }
events-rule-reaches-unclear-time-hint = add { $dates } to `{ $field }`, or choose a time outside { $from }–{ $to }
events-rule-reaches-unclear-time-endless-hint = the rule has no end, so this comes back: choose a time outside { $from }–{ $to }, or end the rule (COUNT or UNTIL) and list these dates in `{ $field }`
events-placeholder-description = the description is still the text `ambassade new` wrote ("Décrivez l'événement ici…")
events-placeholder-description-hint = replace it, after the second `---` line, by what happens there, why SMart is represented and how to take part
events-representative-without-name = this representative has neither a `name` nor an `id`
events-representative-without-name-hint = give the ambassador's `id` (their file name in ambassadeurs/ or in the support group's private folder), or the person's `name`
events-representative-id-not-ambassador = `{ $id }` is an ambassador's id, but the role is not `ambassador`
events-representative-id-not-ambassador-hint = write `role: ambassador`, or remove the `id` (staff and board members have no ambassador id)
events-representative-twice = the ambassador `{ $id }` is named twice in this event
events-representative-twice-hint = remove one of the two representatives
events-representative-public-without-profile = `public: true`, but `{ $id }` has no public profile
events-representative-public-without-profile-hint = an ambassador's name is published only with their consent, which is their profile file content/ambassadeurs/{ $id }.md: add that file, or remove `public: true` (only the role is then shown)
events-open-seats-zero = an open call needs at least one seat
events-open-seats-zero-hint = write how many ambassadors are wanted (`seats: 1` or more); to stop the call, write `closed: true`
events-open-deadline-after-event = the deadline { $deadline } is after the event's last day, { $last }
events-open-deadline-after-event-hint = volunteers must be found before the event: choose a deadline on or before { $last }
events-open-language-not-a-code = `{ $language }` is not a language we know
events-open-language-not-a-code-hint = write the language in French (néerlandais, anglais) or as its code (nl, en)
events-open-more-ambassadors-than-seats = the event names { $named } ambassadors for { $seats ->
        [one] one seat
       *[other] { $seats } seats
    }
events-open-more-ambassadors-than-seats-hint = raise `seats`, or write `closed: true` once everyone is found
events-report-empty = the report is empty
events-report-empty-hint = write at least one of the parts `summary` (what was said), `messages`, `organisations` or `questions`
events-report-before-event = the report is dated { $date }, before the event, which starts on { $start }
events-report-before-event-hint = give in `date` the day the report was written, after the event
events-report-not-past = the event is not over yet (it ends on { $end }, the reference date is { $today }): its report is published only from the day after the event
events-report-not-past-hint = a report tells what happened: write it after the event
