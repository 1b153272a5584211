document.getElementById('app').textContent = 'bare webview ready';
