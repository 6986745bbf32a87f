-- wrk script of bench/soak.sh: bad and hostile requests in rotation (malformed, oversized, wrongly typed,
-- unknown fields and ids, control characters, invalid UTF-8, deep nesting, wrong methods, odd paths, and some
-- strange but valid text). Every answer must be a 2xx or a 4xx: done() prints one RESULT line with the 5xx count.

local HEADERS = { ["Content-Type"] = "application/json" }
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

local function post(path, body)
    return wrk.format("POST", path, HEADERS, body)
end

function init(args)
    server_errors, by_class, samples, next_request = 0, {}, {}, 1
    local messages = "/api/v1/conversations/AAAAAAAAAAAAAAAAAAAAAAAA/messages"
    requests = {
        post("/api/v1/parse", '{"text": "hi"'),
        post("/api/v1/parse", "not json at all"),
        post("/api/v1/parse", '{"text": 42}'),
        post("/api/v1/parse", '{"text": "hi", "admin": true}'),
        post("/api/v1/parse", '{"text": "a\\u0000b\\u0007c"}'),
        post("/api/v1/parse", '{"text": "\xC3\x28 invalid \xFF utf-8"}'),
        post("/api/v1/parse", '{"text": ' .. string.rep("[", 3000) .. string.rep("]", 3000) .. '}'),
        post("/api/v1/parse", '{"text": "' .. string.rep("x", 20000) .. '"}'),
        post("/api/v1/parse", '{"text": "' .. string.rep("chest ", 300) .. '"}'),
        post("/api/v1/parse", '{"text": "my back \xF0\x9F\x98\xA3 \xD8\xB8\xD9\x87\xD8\xB1\xD9\x8A is tight"}'),
        post("/api/v1/parse", '{"text": "' .. string.rep("w", 999) .. '"}'),
        post("/api/v1/parse", ""),
        post(messages, '{"text": "hello"}'),
        post("/api/v1/conversations/..%2F..%2Fetc%2Fpasswd/messages", '{"text": "hi"}'),
        post("/api/v1/conversations/" .. string.rep("z", 300) .. "/messages", '{"text": "hi"}'),
        post("/api/v1/conversations", '{"locale": "<script>"}'),
        post("/api/v1/conversations", '{"locale": ["en"]}'),
        wrk.format("PUT", "/api/v1/parse", HEADERS, "{}"),
        -- made-up methods (a 405 before any route or metric), other bodies than JSON, data after the JSON
        wrk.format("XYZZY", "/health"),
        wrk.format("BREW", "/api/v1/parse", HEADERS, "{}"),
        wrk.format("M-SEARCH", "/metrics"),
        wrk.format("POST", "/api/v1/parse", { ["Content-Type"] = "text/plain" }, '{"text": "hi"}'),
        wrk.format("POST", "/api/v1/parse", { ["Content-Type"] = "application/x-www-form-urlencoded" }, "text=hi"),
        post("/api/v1/parse", '{"text": "hi"} {"x": 1}'),
        post("/api/v1/conversations", '{"locale": "' .. string.rep("en-", 2000) .. 'GB"}'),
        wrk.format("DELETE", "/api/v1/conversations/nope", HEADERS),
        wrk.format("GET", "/api/v1/techniques/%00"),
        wrk.format("GET", "/no/such/" .. string.rep("a", 2000)),
        post("/webhooks/rest/webhook", '{"sender": "x"}'),
    }
end

function request()
    local r = requests[next_request]
    next_request = next_request % #requests + 1
    return r
end

function response(status, headers, body)
    local class = math.floor(status / 100) .. "xx"
    by_class[class] = (by_class[class] or 0) + 1
    if status >= 500 then
        server_errors = server_errors + 1
        if #samples < 5 then table.insert(samples, status .. " " .. body:sub(1, 160)) end
    end
end

function done(summary, latency, requests)
    local errors, classes, samples_all = 0, {}, {}
    for _, thread in ipairs(threads) do
        errors = errors + thread:get("server_errors")
        for class, n in pairs(thread:get("by_class")) do classes[class] = (classes[class] or 0) + n end
        for _, s in ipairs(thread:get("samples")) do table.insert(samples_all, s) end
    end
    local parts = {}
    for class, n in pairs(classes) do table.insert(parts, class .. "=" .. n) end
    table.sort(parts)
    for _, s in ipairs(samples_all) do io.write("5xx: ", s, "\n") end
    io.write(string.format("RESULT abuse requests=%d rps=%.0f server_errors=%d socket_errors=%d %s\n",
        summary.requests, summary.requests / (summary.duration / 1e6), errors,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        table.concat(parts, " ")))
end
