import { MaxDate } from 'class-validator';

/** The last instant an ISO-8601 / RFC 3339 date-time can write without an expanded (+YYYYYY) year. */
export const LATEST_INSTANT = new Date('9999-12-31T23:59:59.999Z');

/** With `@IsDate()`: a time the api can answer back as an RFC 3339 date-time (400 past the year 9999). */
export const NotAfterYear9999 = () => MaxDate(LATEST_INSTANT, { message: ({ property }) => `${property} must be before the year 10000` });
