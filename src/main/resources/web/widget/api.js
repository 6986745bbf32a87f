// api.js: the Knotwise API as the widget calls it (docs/API.md): one JSON request, and the error it throws when the
// server cannot be reached or says no.

const API = '/api/v1';

class ApiError extends Error {
    constructor(status, code, message, data) {
        super(message || code || 'HTTP ' + status);
        this.status = status;
        this.code = code;
        this.data = data || null;
    }
}

/**
 * One JSON request to the API at `server`: resolves to the answer's body, or rejects with an ApiError (status 0 when
 * the server could not be reached; `data` keeps the body, which may still carry advice).
 */
async function requestJson(server, method, path, body) {
    let response;
    try {
        response = await fetch(server + API + path, {
            method,
            headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' }
                : { Accept: 'application/json' },
            body: body ? JSON.stringify(body) : undefined,
            credentials: 'omit',
        });
    } catch (e) {
        throw new ApiError(0, 'network', TEXT.offline);
    }
    let data = null;
    try {
        data = await response.json();
    } catch (e) {
        data = null;
    }
    if (!response.ok) {
        const error = (data && data.error) || {};
        throw new ApiError(response.status, error.code, error.message, data);
    }
    return data;
}
