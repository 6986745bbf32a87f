-- wrk script of bench/http.sh and bench/ratios.sh. Three modes, chosen by the arguments after "--":
--   conversations SCRIPTS IDS LABEL  every thread keeps SLOTS simulated users going through the scripted sessions
--                                    of SCRIPTS (bench/conversations.tsv) in turn; IDS holds pre-created
--                                    conversation ids, one a line, shared out between the threads
--   bare LABEL                       GET / on the bare server, the ceiling
--   parse SCRIPTS LABEL              POST /api/v1/parse only, with every parse line of SCRIPTS in turn (on
--                                    Knotwise, or on the bare server's parse-shaped endpoint, its ceiling)
-- Each request goes to the next user of the thread's pool, round-robin: with many more users than connections, a
-- user's previous message has been answered before its next one is sent. done() prints one RESULT line.

local SLOTS = 256
local HEADERS = { ["Content-Type"] = "application/json" }

local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("index", #threads)
end

local function json_string(s)
    return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

-- The scripts, each line {kind, message}, repeated by weight into one rotation.
local function load_scripts(path)
    local rotation, script, weight = {}, nil, 1
    local function close()
        for _ = 1, weight do
            table.insert(rotation, script)
        end
    end
    for row in io.lines(path) do
        if row:sub(1, 2) == "==" then
            if script then close() end
            script = {}
            weight = tonumber(row:match("^==%s*%S+%s+(%d+)")) or 1
        elseif row ~= "" and row:sub(1, 1) ~= "#" then
            local kind, message = row:match("^([^\t]+)\t?(.*)$")
            table.insert(script, { kind = kind, message = message })
        end
    end
    if script then close() end
    return rotation
end

function init(args)
    mode, label = args[1], args[#args]
    non2xx, statuses, kinds = 0, {}, {}
    if mode == "bare" then
        bare_request = wrk.format("GET", "/")
        return
    end
    if mode == "parse" then
        parses, next_parse = {}, 1
        for _, script in ipairs(load_scripts(args[2])) do
            for _, line in ipairs(script) do
                if line.kind == "parse" then
                    table.insert(parses, wrk.format("POST", "/api/v1/parse", HEADERS,
                        '{"text": ' .. json_string(line.message) .. '}'))
                end
            end
        end
        return
    end
    rotation = load_scripts(args[2])
    local ids = {}
    for id in io.lines(args[3]) do
        table.insert(ids, id)
    end
    new_ids, users, next_user, next_script = {}, {}, 1, 1
    for i = 1, SLOTS do
        local id = ids[(index - 1) * SLOTS + i]
        users[i] = { script = rotation[next_script], position = id and 2 or 1, id = id }
        next_script = next_script % #rotation + 1
    end
end

-- The request for a user's next line; nil while the user waits for the id of the conversation it created.
local function request_for(user)
    if user.position > #user.script then
        user.script, user.position, user.id = rotation[next_script], 1, nil
        next_script = next_script % #rotation + 1
    end
    local line = user.script[user.position]
    if line.kind == "start" then
        if user.waiting then
            user.id = table.remove(new_ids, 1)
            if not user.id then return nil end
            user.waiting = false
            user.position = user.position + 1
            return request_for(user)
        end
        user.waiting = true
        return "start", wrk.format("POST", "/api/v1/conversations", HEADERS, "{}")
    end
    user.position = user.position + 1
    if line.kind == "parse" then
        return "parse", wrk.format("POST", "/api/v1/parse", HEADERS, '{"text": ' .. json_string(line.message) .. '}')
    end
    local field = line.message:sub(1, 1) == "/" and "payload" or "text"
    return line.kind, wrk.format("POST", "/api/v1/conversations/" .. user.id .. "/messages", HEADERS,
        '{"' .. field .. '": ' .. json_string(line.message) .. '}')
end

function request()
    if mode == "bare" then
        return bare_request
    end
    if mode == "parse" then
        next_parse = next_parse % #parses + 1
        return parses[next_parse]
    end
    for _ = 1, SLOTS do
        local user = users[next_user]
        next_user = next_user % SLOTS + 1
        local kind, req = request_for(user)
        if req then
            kinds[kind] = (kinds[kind] or 0) + 1
            return req
        end
    end
    kinds.filler = (kinds.filler or 0) + 1
    return wrk.format("POST", "/api/v1/parse", HEADERS, '{"text": "next"}')
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        if #statuses < 5 then
            table.insert(statuses, status .. " " .. body:sub(1, 120))
        end
    elseif status == 201 and new_ids then
        local id = body:match('"conversation_id":"([^"]+)"')
        if id then table.insert(new_ids, id) end
    end
end

function done(summary, latency, requests)
    local failed, samples, mix = 0, {}, {}
    for _, thread in ipairs(threads) do
        failed = failed + thread:get("non2xx")
        for _, s in ipairs(thread:get("statuses")) do table.insert(samples, s) end
        for kind, n in pairs(thread:get("kinds")) do mix[kind] = (mix[kind] or 0) + n end
    end
    local e = summary.errors
    local mixed = {}
    for kind, n in pairs(mix) do table.insert(mixed, kind .. "=" .. n) end
    table.sort(mixed)
    for _, s in ipairs(samples) do io.write("non-2xx: ", s, "\n") end
    if #mixed > 0 then io.write("mix: ", table.concat(mixed, " "), "\n") end
    io.write(string.format("RESULT %s requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
        .. " non2xx=%d socket_errors=%d\n", threads[1]:get("label"), summary.requests,
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000, failed,
        e.connect + e.read + e.write + e.timeout))
end
