// The caregivers' chat. A conversation token comes from the app and is kept for this browser tab, so that a reload
// carries on the same conversation; Web Chat talks to the app's own Direct Line. Nothing is loaded from other hosts.
'use strict';

(() => {
    // New activities arrive over the Direct Line WebSocket stream; false falls back to polling every second.
    const USE_WEBSOCKET = true;

    const STORAGE_KEY = 'desk.webchat';
    const ONLINE = 2; // Direct Line's ConnectionStatus.Online

    // Read now: document.currentScript is gone once the first await returns.
    const nonce = document.currentScript.nonce;
    const chat = document.getElementById('chat');
    const surface = chat.querySelector('.surface');
    const status = chat.querySelector('.status');

    function stored() {
        try {
            const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY));
            return saved && saved.conversationId && saved.token && saved.userId && saved.domain ? saved : null;
        } catch {
            return null;
        }
    }

    function store(session) {
        const { conversationId, token, userId, domain } = session;
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ conversationId, token, userId, domain }));
    }

    async function post(url, token) {
        const response = await fetch(url, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} });
        return response.ok ? response.json() : null;
    }

    // The tab's conversation, with its token renewed; a new conversation when there is none or its token is refused.
    async function session() {
        const saved = stored();
        if (saved) {
            const renewed = await post(`${saved.domain}/tokens/refresh`, saved.token).catch(() => null);
            if (renewed && renewed.conversationId === saved.conversationId) {
                return { ...saved, token: renewed.token, expiresIn: renewed.expires_in, resumed: true };
            }

            sessionStorage.removeItem(STORAGE_KEY);
        }

        // The page's language goes with the token, so the bot greets in it before the person writes.
        const opened = await post(`/api/webchat/token?locale=${encodeURIComponent(chat.dataset.locale || 'en')}`);
        if (!opened) {
            throw new Error('The app gave no conversation token.');
        }

        return {
            conversationId: opened.conversationId,
            token: opened.token,
            userId: opened.userId,
            domain: opened.domain || `${location.origin}/v3/directline`,
            expiresIn: opened.expires_in,
            resumed: false,
        };
    }

    // Web Chat renews its own copy of the token; the stored copy is renewed too, so a reload after a long pause still works.
    function keepStoredTokenFresh(current, isStarted) {
        const every = Math.max(60, (current.expiresIn || 1800) / 2) * 1000;
        setInterval(async () => {
            const renewed = await post(`${current.domain}/tokens/refresh`, current.token).catch(() => null);
            if (renewed) {
                current.token = renewed.token;
                if (isStarted()) {
                    store(current);
                }
            }
        }, every);
    }

    function styleOptions() {
        const brand = getComputedStyle(document.documentElement).getPropertyValue('--brand').trim();
        const font = getComputedStyle(document.documentElement).getPropertyValue('--font').trim();
        return {
            accent: brand,
            primaryFont: font,
            rootHeight: '100%',
            bubbleBorderRadius: 8,
            bubbleFromUserBackground: brand,
            bubbleFromUserTextColor: '#ffffff',
            bubbleFromUserBorderRadius: 8,
            suggestedActionLayout: 'stacked',
            suggestedActionsStackedLayoutButtonTextWrap: true,
            suggestedActionBackgroundColor: '#ffffff',
            suggestedActionTextColor: brand,
            suggestedActionBorderColor: brand,
            suggestedActionBorderRadius: 8,
            sendBoxButtonColor: brand,
            // Our Direct Line takes text; photos go by SMS.
            hideUploadButton: true,
        };
    }

    async function start() {
        const current = await session();
        let started = false;
        const directLine = window.WebChat.createDirectLine({
            domain: current.domain,
            token: current.token,
            // A new conversation is started (so the bot greets); a stored one is reconnected to, history and all.
            conversationId: current.resumed ? current.conversationId : undefined,
            webSocket: USE_WEBSOCKET,
        });
        // Kept only once started: a reload before then opens a new conversation rather than one never started.
        directLine.connectionStatus$.subscribe(state => {
            if (state === ONLINE) {
                started = true;
                store(current);
            }
        });
        keepStoredTokenFresh(current, () => started);

        window.WebChat.renderWebChat(
            { directLine, userID: current.userId, locale: chat.dataset.locale, nonce, styleOptions: styleOptions() },
            surface);
        status.hidden = true;
    }

    start().catch(() => {
        status.textContent = chat.dataset.failed;
        status.classList.add('failed');
        status.hidden = false;
    });
})();
