// The only module that touches @vscode/webview-ui-toolkit (deprecated upstream): if it has to go,
// this file and the tag names in render.ts are what change.
//
// CSP (checked in headless Chromium with our policy, no 'unsafe-inline'): FAST puts component styles
// and design tokens into constructable stylesheets (adoptedStyleSheets) and theme values into
// element.style through the CSSOM; CSP governs neither. Not registered on purpose:
// - vsCodeBadge and vsCodeTag: their shared FAST template carries a `style="${binding}"` attribute,
//   and parsing that template is reported as a style-src-attr violation. Tags and the status pill
//   are plain spans styled by details.css.
// - everything else we do not use, to keep the deprecated toolkit's footprint small.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDataGrid,
  vsCodeDataGridCell,
  vsCodeDataGridRow,
  vsCodeDivider,
} from '@vscode/webview-ui-toolkit';

export function registerToolkit(): void {
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeDataGrid(),
    vsCodeDataGridRow(),
    vsCodeDataGridCell(),
    vsCodeDivider(),
  );
}
