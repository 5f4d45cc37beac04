import { applyFakeToday } from "./dates";

// FAKE_TODAY=YYYY-MM-DD moves every test file's clock to that day (Date only); unset, the real clock runs.
applyFakeToday();
