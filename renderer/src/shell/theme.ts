import { createTheme } from '@mui/material/styles';

/** Honoured as the OS asks (and by the e2e tests, so screenshots never catch a menu mid-fade). */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
const instant = reducedMotion ? { transitionDuration: 0 } : {};

/** The designer's look: a calm, dense desktop theme. */
export const theme = createTheme({
  ...(reducedMotion ? { transitions: { create: () => 'none' } } : {}),
  palette: {
    mode: 'light',
    primary: { main: '#1f5fae' },
    secondary: { main: '#00897b' },
    background: { default: '#f4f6f9', paper: '#ffffff' },
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: '"Inter", "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
    fontSize: 13,
    h5: { fontWeight: 600 },
    h6: { fontWeight: 600 },
    subtitle1: { fontWeight: 600 },
  },
  components: {
    MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { textTransform: 'none', fontWeight: 600 } } },
    MuiTab: { styleOverrides: { root: { textTransform: 'none', fontWeight: 600, minHeight: 44 } } },
    MuiTabs: { styleOverrides: { root: { minHeight: 44 } } },
    MuiTableCell: { styleOverrides: { root: { paddingTop: 6, paddingBottom: 6 }, head: { fontWeight: 600, color: '#475467' } } },
    MuiChip: { defaultProps: { size: 'small' } },
    MuiCheckbox: { defaultProps: { size: 'small' } },
    MuiPopover: { defaultProps: instant },
    MuiMenu: { defaultProps: instant },
    MuiDialog: { defaultProps: instant },
    MuiButtonBase: { defaultProps: { disableRipple: reducedMotion } },
  },
});
