/** A flow's schedule in words (`every week on Sunday and Wednesday at 02:00`), from its stored cron fields. */
import { get, str } from "./json.js";
import type { ScheduleView } from "./view-types.js";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function describeSchedule(cron: unknown): ScheduleView {
  const f = (k: string) => {
    const v = get(cron, k);
    return typeof v === "string" ? v : v === undefined || v === null ? "*" : String(v);
  };
  const minutes = f("minutes");
  const hours = f("hours");
  const dom = f("dayOfTheMonth");
  const month = f("month");
  const dow = f("dayOfTheWeek");
  const timeZone = str(get(cron, "timeZone")) ?? "";
  const expr = `${minutes} ${hours} ${dom} ${month} ${dow}`;
  return {
    words: scheduleWords(minutes, hours, dom, month, dow) ?? `cron ${expr}`,
    cron: expr,
    timeZone,
    startDate: str(get(cron, "startDate")) ?? "",
    endDate: str(get(cron, "endDate")) ?? "",
  };
}

const INT = /^\d{1,2}$/;
const EVERY = /^\*\/(\d{1,3})$/;

function clock(h: string, m: string): string {
  return `${h.padStart(2, "0")}:${m.padStart(2, "0")}`;
}

function scheduleWords(minutes: string, hours: string, dom: string, month: string, dow: string): string | null {
  const anyDay = dom === "*" || dom === "*/1";
  const anyMonth = month === "*" || month === "*/1";
  const minuteEvery = minutes === "*" ? ["*", "1"] : EVERY.exec(minutes);
  const hourEvery = EVERY.exec(hours);
  const days = dowWords(dow);
  const onDays = dow === "*" ? "" : days ? ` on ${days}` : null;
  if (onDays === null) return null;
  if (!anyDay && dow !== "*") return null;
  if (minuteEvery && anyDay && anyMonth) {
    const n = Number(minuteEvery[1]);
    const base = n === 1 ? "every minute" : `every ${n} minutes`;
    if (hours === "*") return `${base}${onDays}`;
    if (INT.test(hours)) return `${base} during the ${clock(hours, "00")} hour${onDays}`;
    return null;
  }
  if (!INT.test(minutes)) return null;
  if ((hourEvery || hours === "*") && anyDay && anyMonth) {
    const n = hourEvery ? Number(hourEvery[1]) : 1;
    const base = n === 1 ? "every hour" : `every ${n} hours`;
    const at = minutes === "0" || minutes === "00" ? "on the hour" : `at minute ${Number(minutes)}`;
    return `${base} ${at}${onDays}`;
  }
  if (!INT.test(hours)) return null;
  const time = clock(hours, minutes);
  if (anyDay && anyMonth) return dow === "*" ? `every day at ${time}` : `every week${onDays} at ${time}`;
  if (!INT.test(dom) || dow !== "*") return null;
  if (anyMonth) return `every month on day ${Number(dom)} at ${time}`;
  const stepped = /^(\d{1,2})-(\d{1,2})\/(\d{1,2})$/.exec(month);
  if (stepped) {
    const from = MONTHS[Number(stepped[1]) - 1];
    if (from === undefined) return null;
    return `every ${Number(stepped[3])} months from ${from} on day ${Number(dom)} at ${time}`;
  }
  const monthEvery = EVERY.exec(month);
  if (monthEvery) return `every ${Number(monthEvery[1])} months on day ${Number(dom)} at ${time}`;
  if (INT.test(month) && MONTHS[Number(month) - 1]) return `every year on ${MONTHS[Number(month) - 1]} ${Number(dom)} at ${time}`;
  return null;
}

function dowWords(dow: string): string | null {
  if (dow === "*") return "";
  const names: string[] = [];
  for (const part of dow.split(",")) {
    const range = /^(\d)-(\d)$/.exec(part);
    if (range) {
      const a = DAYS[Number(range[1]) % 7];
      const b = DAYS[Number(range[2]) % 7];
      if (!a || !b) return null;
      names.push(`${a} to ${b}`);
    } else if (/^\d$/.test(part) && DAYS[Number(part) % 7]) names.push(DAYS[Number(part) % 7]!);
    else return null;
  }
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
